import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Two projects, by file name (docs/style: tests by layer, named by suffix):
 * - `unit`: `*.test.ts`, pure (no database). They share one module graph per worker
 *   (`isolate: false`), so the routes' dependencies and the Vapi validators compiled from the
 *   OpenAPI document are loaded once per worker instead of once per file.
 * - `integration`: `*.integration.test.ts`, each file in a fresh process with its own database
 *   copied from the one migrated by global-setup.ts.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      // Server modules say `import "server-only"` (it throws outside React's server condition, so a
      // browser bundle that reaches one fails to build); tests run them in Node, as the server does.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    // The app's logger reads LOG_LEVEL when it is first imported, before any test's setup runs.
    // Silent unless asked for (`LOG_LEVEL=debug npx vitest run ...` shows a failing route's logs).
    env: { LOG_LEVEL: process.env.LOG_LEVEL || "silent" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/**/*.integration.test.ts"],
          isolate: false,
          setupFiles: ["tests/helpers/unit-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.integration.test.ts"],
          globalSetup: ["tests/helpers/global-setup.ts"],
        },
      },
    ],
  },
});
