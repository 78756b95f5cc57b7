import { describe, expect, it } from "vitest";
import { findCycles, importsOf, type SourceImport, sourceFiles } from "./source-imports";

// Imports run one way: pages and components → client helpers (src/lib) and src/shared;
// routes → server domains → providers. src/shared is what both sides may import.
const imports: SourceImport[] = sourceFiles().flatMap(importsOf);
const within = (file: string | null, folder: string) => file?.startsWith(`${folder}/`) ?? false;
const describeImport = (i: SourceImport) => `${i.from} imports ${i.specifier}`;

/**
 * Browser code that still takes a value from src/server: shared schemas and limits not yet moved to
 * src/shared. This list may only shrink; a new entry fails the test.
 */
const BROWSER_TO_SERVER_NOT_YET_MOVED = new Set([
  "src/components/assistant/assistant-settings-form.tsx imports @/server/assistant-settings/schemas",
  "src/components/calendar/calendar-manager.tsx imports @/server/calendar/connection-error-messages",
  "src/components/intents/intent-editor.tsx imports @/server/intents/schemas",
  "src/components/intents/phrase-chips.tsx imports @/server/intents/schemas",
  "src/components/phone-numbers/add-phone-number-form.tsx imports @/server/phone-numbers/schemas",
  "src/components/phone-numbers/edit-phone-number-dialog.tsx imports @/server/phone-numbers/schemas",
  "src/components/working-hours/exceptions-editor.tsx imports @/server/working-hours/schemas",
  "src/components/working-hours/ranges-editor.tsx imports @/server/working-hours/schemas",
  "src/components/working-hours/working-hours-editor.tsx imports @/server/working-hours/schemas",
]);

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
    expect(found.filter((line) => !BROWSER_TO_SERVER_NOT_YET_MOVED.has(line))).toEqual([]);
    // An entry whose import is gone must leave the list too.
    expect([...BROWSER_TO_SERVER_NOT_YET_MOVED].filter((line) => !found.includes(line))).toEqual([]);
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
