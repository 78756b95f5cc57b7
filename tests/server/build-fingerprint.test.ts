import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildState, recordBuildFingerprint, sourceFingerprint } from "../../scripts/build-fingerprint";

let root: string;

function write(file: string, contents: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), contents);
}

/** What a successful build leaves: .next with its BUILD_ID, and the fingerprint next-build.ts records. */
function build(): void {
  write(".next/BUILD_ID", "build-1");
  recordBuildFingerprint(root, sourceFingerprint(root));
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "clinicall-fingerprint-"));
  write("src/app/page.tsx", "export default function Page() { return null; }\n");
  write("src/server/deep/nested/module.ts", "export const answer = 42;\n");
  write("messages/en.json", '{"hello":"Hello"}\n');
  write("public/logo.svg", "<svg/>\n");
  write("next.config.ts", "export default {};\n");
  write("package-lock.json", '{"lockfileVersion":3}\n');
  write("tsconfig.json", "{}\n");
  write("README.md", "# readme\n");
  write("tests/a.test.ts", "// a test\n");
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("npm start's build fingerprint", () => {
  it("is missing before any build, current after one", () => {
    expect(buildState(root)).toBe("missing");
    build();
    expect(buildState(root)).toBe("current");
  });

  it("is stale when a build has no fingerprint (a bare next build, or one made before fingerprints)", () => {
    write(".next/BUILD_ID", "build-1");
    expect(buildState(root)).toBe("stale");
  });

  it("is stale after a source changes, even to contents of the same length, and current again when it is put back", () => {
    build();
    write("src/server/deep/nested/module.ts", "export const answer = 43;\n");
    expect(buildState(root)).toBe("stale");
    write("src/server/deep/nested/module.ts", "export const answer = 42;\n");
    expect(buildState(root)).toBe("current");
  });

  it.each([
    ["a new catalogue", () => write("messages/ru.json", '{"hello":"Привет"}\n')],
    ["a removed public file", () => rmSync(path.join(root, "public/logo.svg"))],
    ["a new lock file (npm install after a pull)", () => write("package-lock.json", '{"lockfileVersion":3,"packages":{}}\n')],
    ["a changed next.config.ts", () => write("next.config.ts", "export default { poweredByHeader: false };\n")],
    ["a changed tsconfig.json", () => write("tsconfig.json", '{"compilerOptions":{}}\n')],
    [
      "a file renamed",
      () => {
        rmSync(path.join(root, "src/app/page.tsx"));
        write("src/app/home.tsx", "export default function Page() { return null; }\n");
      },
    ],
  ])("is stale after %s", (_, change) => {
    build();
    change();
    expect(buildState(root)).toBe("stale");
  });

  it("stays current when only times change or files the build does not read change", () => {
    build();
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, "src/app/page.tsx"), later, later);
    write("README.md", "# another readme\n");
    write("tests/b.test.ts", "// another test\n");
    write(".next/server/chunk.js", "// the build's own output\n");
    write(".data/pglite/file", "database");
    expect(buildState(root)).toBe("current");
  });
});
