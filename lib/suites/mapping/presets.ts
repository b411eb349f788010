import type { TaskKind } from "../types";
import type { FieldMapping } from "./field-mapping";
import type { FileShape } from "./file-shape";
import { CMEEE_TYPE_LABELS } from "./ner-type-names";

export interface MappingPreset {
  id: string;
  name: { en: string; zh: string };
  kind: Exclude<TaskKind, "scale">;
  /** Fields a file must have for the preset to be offered (CSV headers arrive in lower case). */
  requires: string[];
  /** Fields the objects of a list field must have, e.g. CMeEE's entities. */
  requiresItemFields?: Record<string, string[]>;
  mapping: FieldMapping;
}

/** Common Chinese medical dataset formats, offered when a file's fields match. */
export const MAPPING_PRESETS: readonly MappingPreset[] = [
  {
    id: "cmeee",
    name: { en: "CBLUE CMeEE (entity, start_idx, end_idx)", zh: "CBLUE CMeEE（entity、start_idx、end_idx）" },
    kind: "ner",
    requires: ["text", "entities"],
    requiresItemFields: { entities: ["start_idx", "end_idx", "type"] },
    mapping: {
      preset: "cmeee",
      fields: { text: "text", entities: "entities" },
      entity: { text: "entity", type: "type", start: "start_idx", end: "end_idx" },
      endIndex: "inclusive",
      typeLabels: CMEEE_TYPE_LABELS,
    },
  },
  {
    id: "promptcblue",
    name: { en: "PromptCBLUE (input, target)", zh: "PromptCBLUE（input、target）" },
    kind: "instruction",
    requires: ["input", "target"],
    mapping: { preset: "promptcblue", fields: { prompt: "input", target: "target", subset: "task_dataset", id: "sample_id" } },
  },
  {
    id: "cmb-exam",
    name: { en: "CMB-Exam (question, option, answer)", zh: "CMB-Exam（question、option、answer）" },
    kind: "mcq",
    requires: ["question", "option", "answer"],
    mapping: { preset: "cmb-exam", fields: { question: "question", options: "option", answer: "answer", subject: "exam_subject" } },
  },
  {
    id: "cmexam",
    name: { en: "CMExam (Question, Options, Answer)", zh: "CMExam（Question、Options、Answer）" },
    kind: "mcq",
    requires: ["question", "options", "answer"],
    mapping: { preset: "cmexam", fields: { question: "question", options: "options", answer: "answer", subject: "clinical department" } },
  },
  {
    id: "huatuo",
    name: { en: "Huatuo-26M (questions, answers)", zh: "Huatuo-26M（questions、answers）" },
    kind: "open_qa",
    requires: ["questions", "answers"],
    mapping: { preset: "huatuo", fields: { question: "questions", answer: "answers" } },
  },
  {
    id: "huatuo-instruction",
    name: { en: "Huatuo / Alpaca style (instruction, input, output)", zh: "Huatuo / Alpaca 格式（instruction、input、output）" },
    kind: "open_qa",
    requires: ["instruction", "output"],
    mapping: { preset: "huatuo-instruction", fields: { question: "instruction", context: "input", answer: "output" } },
  },
  {
    id: "cmedqa",
    name: { en: "cMedQA2 questions joined with answers (content_x, content_y)", zh: "cMedQA2 问题与回答合并表（content_x、content_y）" },
    kind: "open_qa",
    requires: ["question_id", "content_x", "content_y"],
    mapping: { preset: "cmedqa", fields: { question: "content_x", answer: "content_y", id: "ans_id" } },
  },
  {
    id: "medical-dialogue",
    name: { en: "Chinese medical dialogue (department, title, ask, answer)", zh: "中文医疗对话（department、title、ask、answer）" },
    kind: "open_qa",
    requires: ["ask", "answer"],
    mapping: { preset: "medical-dialogue", fields: { question: "ask", answer: "answer" } },
  },
];

function hasAll(names: ReadonlySet<string>, wanted: readonly string[]): boolean {
  return wanted.every((w) => names.has(w));
}

/** The presets whose required fields the file has. */
export function matchingPresets(shape: FileShape): MappingPreset[] {
  const names = new Set(shape.fields.map((f) => f.name));
  return MAPPING_PRESETS.filter((preset) => {
    if (!hasAll(names, preset.requires)) return false;
    return Object.entries(preset.requiresItemFields ?? {}).every(([field, inner]) => {
      const info = shape.fields.find((f) => f.name === field);
      return hasAll(new Set(info?.itemFields ?? []), inner);
    });
  });
}

export function presetById(id: string): MappingPreset | undefined {
  return MAPPING_PRESETS.find((p) => p.id === id);
}
