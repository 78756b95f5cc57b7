import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package directory; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "nodemailer"],
  poweredByHeader: false,
  // The production build checks the app's own code; `npm run typecheck` covers tests and scripts too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
