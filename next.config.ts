import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// next-intl without locale-prefixed URLs: src/i18n/request.ts picks each request's language.
const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package directory; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "nodemailer"],
  poweredByHeader: false,
  // The production build checks the app's own code; `npm run typecheck` covers tests and scripts too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default withNextIntl(nextConfig);
