import { cache } from "react";
import { getAppDb } from "@/lib/app-db";
import { resolveShareToken } from "./links";
import { projectShare } from "./projection";

/** A token page's data for one request (the page and its metadata share it); null for every token that opens nothing. */
export const loadSharedView = cache(async (token: string, page: number, locale: string) => {
  const db = await getAppDb();
  const share = await resolveShareToken(db, token);
  if (!share) return null;
  const view = await projectShare(db, share, { page, locale });
  return view ? { share, view } : null;
});
