import type { Caller } from "./caller";

/**
 * Checks a state-changing request before its handler runs (Origin, Sec-Fetch-Site, Host); throws an AppError
 * to refuse it. Placeholder: allows everything; the accounts work fills it in.
 */
export async function guardRequest(_request: Request, _caller: Caller): Promise<void> {}
