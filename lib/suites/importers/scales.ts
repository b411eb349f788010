import { z } from "zod";
import { decodeText } from "../decode";
import { parseScalesFile, type ScaleDefinition } from "../scales";
import type { SuiteItem } from "../types";
import { IssueCollector } from "./errors";
import { finalizeItems, type BuiltItem } from "./finalize";
import { readJsonDocument } from "./json-document";
import type { ImportFile } from "./records";
import { reportZodIssues } from "./zod-issues";

export interface ImportedScale {
  id: string;
  name: { en: string; zh: string };
  citation: string;
  licence: string;
  /** The scale definition without its items (points, options, subscales, chimedPrompt, chimedScoringKey, range...). */
  config: Omit<ScaleDefinition, "items">;
  items: SuiteItem[];
}

/** scales.json, validated by the shared scale schema; each scale becomes one "scale" suite. */
export function importScales(file: ImportFile): ImportedScale[] {
  const { value } = readJsonDocument(decodeText(file.bytes, file.fileName), file.fileName);
  const issues = new IssueCollector(file.fileName);
  let scales: ScaleDefinition[] = [];
  try {
    scales = parseScalesFile(value);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    reportZodIssues(issues, error, { fieldPrefix: "", value });
  }
  issues.throwIfAny();
  return scales.map((scale, s) => {
    const built: BuiltItem[] = scale.items.map(({ stigmaWhenAgree, ...input }, i) => {
      const item: SuiteItem = { externalId: String(input.n), split: "test", input, gold: { stigmaWhenAgree } };
      if (input.subscale) item.subset = input.subscale;
      return { item, record: { fieldPrefix: `scales[${s}].items[${i}]` } };
    });
    const { items: _items, ...config } = scale;
    const items = finalizeItems("scale", built, issues);
    return { id: scale.id, name: scale.name, citation: scale.citation, licence: scale.licence, config, items };
  });
}
