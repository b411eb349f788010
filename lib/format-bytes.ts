/** "4 MB", "1.5 MB", "0.001 MB": sizes in messages about limits. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(mb < 1 ? 3 : 1)} MB`;
}
