// Sums the JSON reports of every suite .ci/run ran and prints "N passed, N failed".
// A suite that should have reported but did not counts as one failure, and so does a lint or type-check run with findings.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
const suites = [
  ["lint.exit", "lint"],
  ["typecheck.exit", "typecheck"],
  ["vitest-pglite.json", "vitest"],
  ["vitest-postgres.json", "vitest"],
  ["playwright.json", "playwright"],
];
for (const [file, kind] of suites) {
  const full = path.join(dir, file);
  if (!existsSync(full)) {
    process.stdout.write(`${file}: no report (the suite did not run to the end)\n`);
    failed += 1;
    continue;
  }
  if (kind === "lint" || kind === "typecheck") {
    // The step's exit code: any finding fails the step, and the step counts as one failure.
    const clean = readFileSync(full, "utf8").trim() === "0";
    if (!clean) failed += 1;
    process.stdout.write(`${kind}: ${clean ? "clean" : "findings (1 failed)"}\n`);
    continue;
  }
  const report = JSON.parse(readFileSync(full, "utf8"));
  if (kind === "vitest") {
    // A test file that failed before running any test (import or setup error) counts as one failure.
    const brokenFiles = (report.testResults ?? []).filter((r) => r.status === "failed" && (r.assertionResults ?? []).length === 0).length;
    const fileFailed = report.numFailedTests + brokenFiles;
    passed += report.numPassedTests;
    failed += fileFailed;
    process.stdout.write(`${file}: ${report.numPassedTests} passed, ${fileFailed} failed\n`);
  } else {
    const s = report.stats;
    passed += s.expected;
    failed += s.unexpected + s.flaky;
    process.stdout.write(`${file}: ${s.expected} passed, ${s.unexpected + s.flaky} failed\n`);
    if ((report.errors ?? []).length > 0) failed += 1;
  }
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
