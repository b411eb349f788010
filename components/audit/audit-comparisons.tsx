"use client";

import { useState } from "react";
import type { AuditFilter, ScaleComparison } from "@/lib/audit/comparison";
import { AuditFilterForm } from "./audit-filter-form";
import { ScaleComparisonView } from "./scale-comparison";

/** The scoring filter is shared by every scale; it stays in the URL so a view can be linked. */
export function AuditComparisons({ initial, filter: initialFilter }: { initial: ScaleComparison[]; filter: AuditFilter }) {
  const [filter, setFilter] = useState(initialFilter);
  const change = (next: AuditFilter) => {
    setFilter(next);
    const url = new URL(window.location.href);
    url.searchParams.set("key", next.key);
    url.searchParams.set("missing", next.missing);
    window.history.replaceState(null, "", url);
  };
  return (
    <>
      <AuditFilterForm filter={filter} onChange={change} />
      {initial.map((comparison) => (
        <ScaleComparisonView key={comparison.scale.id} initial={comparison} filter={filter} />
      ))}
    </>
  );
}
