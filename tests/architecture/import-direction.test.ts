import { describe, expect, it } from "vitest";
import { findCycles, importsOf, type SourceImport, sourceFiles } from "./source-imports";

// Imports run one way: pages and components → client helpers (src/lib) and src/shared;
// routes → server domains → providers. src/shared is what both sides may import.
const imports: SourceImport[] = sourceFiles().flatMap(importsOf);
const within = (file: string | null, folder: string) => file?.startsWith(`${folder}/`) ?? false;
const describeImport = (i: SourceImport) => `${i.from} imports ${i.specifier}`;

describe("import direction", () => {
  it("finds the imports it checks", () => {
    expect(imports.length).toBeGreaterThan(500);
    expect(imports.some((i) => i.from === "src/server/log.ts" && i.to === "src/server/log-context.ts")).toBe(true);
  });

  it("src/lib and src/components take no value from src/server or src/providers", () => {
    const found = imports
      .filter((i) => (within(i.from, "src/lib") || within(i.from, "src/components")) && !i.typeOnly)
      .filter((i) => within(i.to, "src/server") || within(i.to, "src/providers"))
      .map(describeImport);
    expect(found).toEqual([]);
  });

  it("src/shared imports nothing from the app's other folders", () => {
    const found = imports
      .filter((i) => within(i.from, "src/shared") && !i.typeOnly)
      .filter((i) => ["src/server", "src/providers", "src/components", "src/app", "src/lib"].some((folder) => within(i.to, folder)));
    expect(found.map(describeImport)).toEqual([]);
  });

  it("src/server imports neither src/components nor src/app", () => {
    const found = imports.filter((i) => within(i.from, "src/server") && (within(i.to, "src/components") || within(i.to, "src/app")));
    expect(found.map(describeImport)).toEqual([]);
  });

  it("src/providers import nothing from src/server", () => {
    const found = imports.filter((i) => within(i.from, "src/providers") && within(i.to, "src/server"));
    expect(found.map(describeImport)).toEqual([]);
  });

  it("files in src/providers import each other in no circle (type imports included)", () => {
    const edges = new Map<string, Set<string>>();
    for (const i of imports) {
      if (!within(i.from, "src/providers") || !within(i.to, "src/providers") || !i.to) continue;
      if (!edges.has(i.from)) edges.set(i.from, new Set());
      edges.get(i.from)?.add(i.to);
    }
    expect(findCycles(edges).map((cycle) => cycle.join(" → "))).toEqual([]);
  });
});

/** Test and demo infrastructure: scripts/start.ts, scripts/simulate-call.ts, tests and the bench run it. */
const TEST_AND_DEMO_ONLY = [
  /^src\/server\/demo\//,
  /^src\/providers\/[^/]+\/emulator\//,
  /^src\/providers\/emulator-log\.ts$/,
  /^src\/providers\/twilio\/simulator\.ts$/,
];

describe("what the app's server bundle can reach", () => {
  it("no route, page or instrumentation reaches an emulator, the call simulator or the demo set-up", () => {
    const valueImports = new Map<string, string[]>();
    for (const i of imports) {
      if (i.typeOnly || !i.to) continue;
      valueImports.set(i.from, [...(valueImports.get(i.from) ?? []), i.to]);
    }
    // Next.js builds from src/app and src/instrumentation.ts; what they reach through value imports is bundled.
    const entries = [...valueImports.keys()].filter((file) => within(file, "src/app") || file === "src/instrumentation.ts");
    expect(entries).toContain("src/app/api/demo/test-call/route.ts");
    const via = new Map<string, string>(entries.map((file) => [file, file]));
    const queue = [...entries];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      for (const next of valueImports.get(file) ?? []) {
        if (via.has(next)) continue;
        via.set(next, file);
        queue.push(next);
      }
    }
    const pathTo = (file: string): string => (via.get(file) === file ? file : `${pathTo(via.get(file)!)} → ${file}`);
    const reached = [...via.keys()].filter((file) => TEST_AND_DEMO_ONLY.some((pattern) => pattern.test(file)));
    expect(reached.map(pathTo)).toEqual([]);
    expect(via.has("src/server/test-calls/place-test-call.ts")).toBe(true);
  });
});

describe("the cycle finder", () => {
  it("reports a circle through type imports and none in a chain", () => {
    const circle = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["a"])],
    ]);
    expect(findCycles(circle)).toEqual([["a", "b", "a"]]);
    expect(findCycles(new Map([["a", new Set(["b"])]]))).toEqual([]);
  });
});
