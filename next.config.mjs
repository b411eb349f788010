import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The browser tests build into their own folder (playwright.config.ts) so they never replace a running build.
  distDir: process.env.CHIMED_DIST_DIR || ".next",
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled; tsx (with its esbuild
  // binary) runs the upload parser thread (lib/suites/importers/parse-host.mjs) and the contamination index builder
  // (lib/contamination/build-host.mjs); onnxruntime-node loads its native binding from its own folder.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pg", "@node-rs/jieba", "tsx", "onnxruntime-node"],
  poweredByHeader: false,
  experimental: {
    // A clean CI clone builds once and is thrown away: writing Turbopack's build cache (tens of seconds on a busy
    // 2-core machine) would buy nothing there. Elsewhere it keeps its default, so a rebuild reuses it.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
  // Static files too (proxy.ts adds the CSP with its nonce to pages, and no-referrer to token pages).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      // Scripts a cross-origin isolated page starts as workers (the inference worker, onnxruntime-web's threads)
      // must carry a compatible COEP themselves, or Chromium blocks them.
      ...["/_next/static/:path*", "/ort/:path*"].map((source) => ({
        source,
        headers: [
          { key: "Cross-Origin-Embedder-Policy", value: "credentialless" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
        ],
      })),
    ];
  },
};

export default withNextIntl(nextConfig);
