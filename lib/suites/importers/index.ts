export { ImportError, formatIssue, MAX_ISSUES, type ImportIssue } from "./errors";
export type { ImportFile, ImportResult } from "./records";
export {
  importUserSuite,
  previewUserSuite,
  PREVIEW_SIZE,
  SUITE_ID_PATTERN,
  type UserSuitePreview,
  type UserSuiteRequest,
} from "./user-upload";
export { importChineseBlueNer } from "./chineseblue-ner";
export { importCmbClin } from "./cmb-clin";
export { importCmmluCsv, type CmmluFileOptions } from "./cmmlu";
export { importCmtMedQa } from "./cmtmedqa";
export { importHuatuo } from "./huatuo";
export { importScales, type ImportedScale } from "./scales";
export { parseCsv, type CsvRow } from "./csv";
