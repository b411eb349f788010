export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Prepare the database at boot so the first page view does not pay for migrations and the data import.
  const { getAppDb } = await import("@/lib/app-db");
  await getAppDb();
}
