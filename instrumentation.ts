export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Prepare the database at boot so the first page view does not pay for migrations and the data import,
  // then start the in-process runner that works through queued runs.
  const { appRunner } = await import("@/lib/app-runner");
  await appRunner();
  const { printFirstRunNotice } = await import("@/lib/auth/first-run-notice");
  await printFirstRunNotice();
}
