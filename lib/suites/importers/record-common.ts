import { z } from "zod";
import type { SuiteItem } from "../types";
import { clip } from "@/lib/clip";
import type { IssueCollector } from "./errors";
import type { SourceRecord } from "./records";

/** Optional columns shared by all upload formats. */
export const commonFields = {
  id: z.union([z.string().trim().min(1), z.number().int()]).optional(),
  split: z.enum(["test", "dev"]).optional(),
};

/** A CSV cell left empty means "not given". */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}

export const optionalText = z.preprocess(blankToUndefined, z.string().optional());
export const requiredText = z.string().trim().min(1, { error: "must not be empty" });

export interface MapContext {
  issues: IssueCollector;
  /** Field names seen but not used, reported once per file. */
  unknownFields: Set<string>;
}

export function noteUnknownFields(value: unknown, known: (key: string) => boolean, ctx: MapContext): void {
  if (typeof value !== "object" || value === null) return;
  for (const key of Object.keys(value)) if (!known(key)) ctx.unknownFields.add(key);
}

export function itemBase(
  record: SourceRecord,
  row: { id?: string | number; split?: "test" | "dev" },
  defaults: { split?: "test" | "dev"; idPrefix?: string; subset?: string } = {},
): Pick<SuiteItem, "externalId" | "split" | "subset"> {
  const externalId = `${defaults.idPrefix ?? ""}${row.id ?? record.index}`;
  const base: Pick<SuiteItem, "externalId" | "split" | "subset"> = {
    externalId,
    split: row.split ?? defaults.split ?? "test",
  };
  if (defaults.subset !== undefined) base.subset = defaults.subset;
  return base;
}

const MAX_LISTED_FIELDS = 20;

export function unknownFieldsWarning(fileName: string, ctx: MapContext): string[] {
  if (ctx.unknownFields.size === 0) return [];
  const names = [...ctx.unknownFields].sort();
  const shown = names.slice(0, MAX_LISTED_FIELDS).map((name) => clip(name, 60));
  const more = names.length - shown.length;
  return [`${clip(fileName, 200)}: ignored unknown field(s): ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`];
}
