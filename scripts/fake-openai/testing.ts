import { afterEach } from "vitest";
import { type FakeOpenAI, type FakeOpenAIOptions, startFakeOpenAI } from "./server";

/** For tests: starts fake servers on demand and closes every one of them after each test. */
export function fakeServersPerTest(): (options?: FakeOpenAIOptions) => Promise<FakeOpenAI> {
  const servers: FakeOpenAI[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (options = {}) => {
    const server = await startFakeOpenAI(options);
    servers.push(server);
    return server;
  };
}
