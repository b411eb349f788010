import { appSettingNames, commaList, env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Settings of the app, its database, auth library, runtime and test tooling: never a model's key, whatever
// an allow-list says.
const reservedPrefixes = ["CHIMED_", "BETTER_AUTH_", "AUTH_", "PG", "DATABASE", "NEXT_", "NODE_", "NPM_", "E2E_", "TEST_"];

const perProcess = new Set<string>();

/**
 * The command line may name any variable (its user owns the machine and the environment): it allows the one
 * named by `--api-key-env` for its own process. The app's own settings stay refused.
 */
export function allowKeyEnvInThisProcess(name: string): void {
  perProcess.add(name);
}

export function isAppSetting(name: string): boolean {
  const upper = name.toUpperCase();
  return appSettingNames.includes(name) || reservedPrefixes.some((prefix) => upper.startsWith(prefix));
}

/**
 * Whether a model may read its key from this variable: never an app setting; otherwise a name ending in
 * `_API_KEY`, or one an admin listed in CHIMED_KEY_ENV_ALLOW.
 */
export function isAllowedKeyEnv(name: string, allowList: readonly string[] = commaList(env.CHIMED_KEY_ENV_ALLOW)): boolean {
  if (isAppSetting(name)) return false;
  return /^[A-Za-z0-9_]*_API_KEY$/.test(name) || allowList.includes(name) || perProcess.has(name);
}

/** One message for a name that is refused, unknown or unset, so an answer never tells which variables exist. */
export const unavailableKeyEnvMessage =
  "this API key variable is not available: it must be set on the server and end in _API_KEY or be listed in CHIMED_KEY_ENV_ALLOW";

export function checkKeyEnvName(name: string): void {
  if (!isAllowedKeyEnv(name)) throw new AppError(unavailableKeyEnvMessage, 400, undefined, "key_env_not_allowed");
}
