// Not part of the suite: scripts/test-summary.test.ts runs Vitest here to get a real report with a failure.
export default { test: { include: ["*.fixture.ts"] } };
