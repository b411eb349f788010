import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { freePort } from "../lib/free-port";
import { FAKE_MODEL_URL } from "./fake-model";

/**
 * Accounts need servers of their own: the shared e2e server stays in single-user mode for the other specs.
 * Both run the same build on one throwaway embedded database: `loopback` as `npm start` runs by default, and
 * `exposed` bound to every interface (the second process reaches the database through the first).
 */
const DATA_DIR = ".e2e-data/accounts";
const DIST_DIR = process.env.CHIMED_DIST_DIR ?? (existsSync(".next-e2e/BUILD_ID") ? ".next-e2e" : ".next");
const ADMIN = { name: "Ada Admin", email: "ada@example.org", password: "ada's long password" };
const RESEARCHER = { name: "Rui Researcher", email: "rui@example.org", password: "rui's long password" };

interface App {
  url: string;
  process: ChildProcess;
}

async function startApp(host: string, pglitePort: number): Promise<App> {
  const port = await freePort();
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", host], {
    env: {
      ...process.env,
      HOST: host,
      PGLITE_DIR: `${DATA_DIR}/pglite`,
      PGLITE_PORT: String(pglitePort),
      DATABASE_URL: "",
      CHIMED_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the ${host} app exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { url, process: child };
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error(`the ${host} app did not answer on ${url}`);
}

async function context(browser: Browser, app: App, locale: "en" | "zh-CN" = "en"): Promise<BrowserContext> {
  return browser.newContext({ baseURL: app.url, locale, extraHTTPHeaders: { "accept-language": locale } });
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account-menu")).toContainText(who.email);
}

test.describe.configure({ mode: "serial" });

test.describe("accounts", () => {
  let loopback: App;
  let exposed: App;
  let inviteLink: string;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    rmSync(DATA_DIR, { recursive: true, force: true });
    const pglitePort = await freePort();
    loopback = await startApp("127.0.0.1", pglitePort);
    exposed = await startApp("0.0.0.0", pglitePort);
  });
  test.afterAll(() => {
    loopback?.process.kill();
    exposed?.process.kill();
  });

  test("first run on loopback is single-user mode, said in the header, with strict security headers", async ({ browser }) => {
    const ctx = await context(browser, loopback, "zh-CN");
    const page = await ctx.newPage();
    const violations: string[] = [];
    page.on("console", (message) => message.text().includes("Content Security Policy") && violations.push(message.text()));
    const response = await page.goto("/runs");
    expect(page.url()).toMatch(/\/runs$/);
    await expect(page.getByTestId("single-user-badge")).toHaveText("单用户模式");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    // The page's own scripts run under the policy: the locale switch works.
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByTestId("single-user-badge")).toHaveText("Single-user mode");
    expect(violations).toEqual([]);
    expect((await ctx.request.get("/s/some-token")).headers()["referrer-policy"]).toBe("no-referrer");
    await ctx.close();
  });

  test("an anonymous visitor is refused on a non-loopback bind", async ({ browser }) => {
    const ctx = await context(browser, exposed);
    const page = await ctx.newPage();
    expect((await ctx.request.get("/api/models")).status()).toBe(401);
    expect((await ctx.request.post("/api/models", { data: { name: "x", baseUrl: FAKE_MODEL_URL, modelId: "m" } })).status()).toBe(401);
    expect((await ctx.request.get("/api/health")).status()).toBe(200);
    await page.goto("/models");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fmodels$/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    // Without the first-run link from the server's log, nobody here can make themselves admin.
    expect((await ctx.request.post("/api/setup", { data: ADMIN })).status()).toBe(403);
    await ctx.close();
  });

  test("creating the first account makes it admin and ends single-user mode", async ({ browser }) => {
    const ctx = await context(browser, loopback);
    const page = await ctx.newPage();
    await page.goto("/admin/users");
    await page.getByRole("link", { name: "Create the first account" }).click();
    await page.getByLabel("Name").fill(ADMIN.name);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create admin account" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByTestId("account-menu")).toContainText("admin");
    await expect(page.getByTestId("users-table")).toContainText(ADMIN.email);

    const anonymous = await context(browser, loopback);
    expect((await anonymous.request.get("/api/runs")).status()).toBe(401);
    const anonymousPage = await anonymous.newPage();
    await anonymousPage.goto("/");
    await expect(anonymousPage).toHaveURL(/\/sign-in/);
    await anonymous.close();
    await ctx.close();
  });

  test("an admin invites a researcher, who accepts the link", async ({ browser }) => {
    const ctx = await context(browser, loopback);
    const page = await ctx.newPage();
    await signIn(page, ADMIN);
    await page.goto("/admin/users");
    const invite = page.getByRole("region", { name: "Invite someone" });
    await invite.getByLabel("Email").fill(RESEARCHER.email);
    await invite.getByRole("button", { name: "Create invite link" }).click();
    inviteLink = (await page.getByTestId("invite-link").textContent())!.trim();
    expect(inviteLink).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
    await ctx.close();

    const invitee = await context(browser, loopback, "zh-CN");
    const invitePage = await invitee.newPage();
    await invitePage.goto(inviteLink);
    await expect(invitePage.getByText(RESEARCHER.email)).toBeVisible();
    await invitePage.getByLabel("姓名").fill(RESEARCHER.name);
    await invitePage.getByLabel("密码").fill(RESEARCHER.password);
    await invitePage.getByRole("button", { name: "创建我的账户" }).click();
    await expect(invitePage.getByTestId("account-menu")).toContainText("研究者");
    // A researcher sees no admin pages.
    expect((await invitee.request.get("/api/users")).status()).toBe(403);
    await invitee.close();
  });

  test("a researcher signs in and runs a suite", async ({ browser }) => {
    test.setTimeout(120_000);
    const ctx = await context(browser, loopback);
    const page = await ctx.newPage();
    await signIn(page, RESEARCHER);
    const model = await ctx.request.post("/api/models", { data: { name: "accounts-fake", baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" } });
    expect(model.status()).toBe(201);
    const run = await ctx.request.post("/api/runs", {
      data: { modelId: (await model.json()).model.id, suiteId: "cmmlu-medical", settings: { limit: 5 } },
    });
    expect(run.status()).toBe(201);
    await page.goto(`/runs/${(await run.json()).run.id}`);
    await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 90_000 });
    await ctx.close();
  });

  test("sign-out, and sign-out everywhere ends the account's other sessions", async ({ browser }) => {
    const first = await context(browser, loopback);
    const second = await context(browser, loopback);
    const [firstPage, secondPage] = await Promise.all([first.newPage(), second.newPage()]);
    await signIn(firstPage, RESEARCHER);
    await signIn(secondPage, RESEARCHER);

    await firstPage.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(firstPage).toHaveURL(/\/sign-in/);
    await firstPage.goto("/runs");
    await expect(firstPage).toHaveURL(/\/sign-in\?next=%2Fruns$/);

    await signIn(firstPage, RESEARCHER);
    await firstPage.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(firstPage).toHaveURL(/\/sign-in/);
    await secondPage.goto("/runs");
    await expect(secondPage).toHaveURL(/\/sign-in/);
    expect((await second.request.get("/api/runs")).status()).toBe(401);
    await Promise.all([first.close(), second.close()]);
  });
});
