/** The fake OpenAI-compatible server Playwright starts beside the app (see playwright.config.ts). */
export const FAKE_PORT = process.env.E2E_FAKE_MODEL_PORT ?? "8011";
export const FAKE_MODEL_URL = `http://127.0.0.1:${FAKE_PORT}/v1`;
/** The seed it answers with; specs compute expected answers with scripts/fake-openai/answers.ts. */
export const FAKE_SEED = 1;
