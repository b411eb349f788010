import { env } from "@/lib/env";
import { accountsExist } from "./app-auth";
import { isLoopbackBind } from "./loopback";
import { setupToken } from "./setup-token";

/**
 * Printed at start when the app listens beyond loopback and has no account yet: the first-run link with its
 * token, so only someone who can read the server's log creates the first (admin) account.
 */
export async function printFirstRunNotice(): Promise<void> {
  if (isLoopbackBind(env.HOST) || (await accountsExist())) return;
  const port = process.env.PORT ?? "3000";
  console.info(
    `[chimed] no account exists yet and the app listens on ${env.HOST}: create the first (admin) account at ` +
      `http://<this host>:${port}/setup?token=${setupToken()}`,
  );
}
