import type { ReactNode } from "react";

/** A labelled form control; the label wraps the control so that it needs no id, and the hint stays out of its name. */
export function Field({ label, hint, children }: { label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label className="field-control">
        <span className="field-label">{label}</span>
        {children}
      </label>
      {hint ? <span className="field-hint small muted">{hint}</span> : null}
    </div>
  );
}
