const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive from URLs: anything that is not a UUID names nothing, and must not reach SQL as one. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
