/** The bundled licences, recognised so that pages can say in the reader's language what they allow. */
const SUMMARIES = [
  { key: "ccByNcSa4", test: /^CC BY-NC-SA 4\.0$/ },
  { key: "apache2", test: /^Apache-2\.0$/ },
  { key: "camiFree", test: /CAMI scale is freely granted/ },
  { key: "authorsOnly", test: /available for use from the authors/ },
] as const;

export type LicenceSummaryKey = (typeof SUMMARIES)[number]["key"];

/** The summary a licence text has, or null for licences the app does not know (uploads say their own). */
export function licenceSummaryKey(licence: string): LicenceSummaryKey | null {
  return SUMMARIES.find((s) => s.test.test(licence))?.key ?? null;
}
