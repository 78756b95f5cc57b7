import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package directory; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  poweredByHeader: false,
};

export default nextConfig;
