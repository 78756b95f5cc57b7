import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// next-intl without locale-prefixed URLs: src/i18n/request.ts picks each request's language.
const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

// npm start's first build (scripts/start.ts sets it) skips what only a developer needs: the type
// check (npm run typecheck and CI run it) and Turbopack's build cache on disk (it only speeds up a
// later rebuild). `npm run build` keeps both. See docs/decisions/014.
const firstStart = process.env.CLINICALL_FIRST_START_BUILD === "1";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package directory; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "nodemailer"],
  poweredByHeader: false,
  // The production build checks the app's own code; `npm run typecheck` covers tests and scripts too.
  typescript: { tsconfigPath: "tsconfig.build.json", ignoreBuildErrors: firstStart },
  ...(firstStart && { experimental: { turbopackFileSystemCacheForBuild: false } }),
};

export default withNextIntl(nextConfig);
