import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The transaction convention, kept true: pages and route handlers (src/app) call domain
 * operations, which take the actor and open their own transaction; nothing under src/app reaches
 * the database module itself. Pure: reads the source files, starts nothing.
 */
const root = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier a file imports, re-exports or loads with import(). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, /^\s*import\s+["']([^"']+)["']/gm];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** Whether `specifier`, imported from `file`, names src/server/db or anything inside it. */
function isDatabaseModule(file: string, specifier: string): boolean {
  const database = path.join(root, "src/server/db");
  let target: string;
  if (specifier.startsWith("@/")) target = path.join(root, "src", specifier.slice(2));
  else if (specifier.startsWith(".")) target = path.resolve(path.dirname(file), specifier);
  else return false;
  return target === database || target.startsWith(`${database}${path.sep}`);
}

describe("import rules", () => {
  it("recognises the database module however it is named", () => {
    const page = path.join(root, "src/app/(dashboard)/dashboard/page.tsx");
    expect(isDatabaseModule(page, "@/server/db/access")).toBe(true);
    expect(isDatabaseModule(page, "@/server/db")).toBe(true);
    expect(isDatabaseModule(page, "../../../server/db/schema")).toBe(true);
    expect(isDatabaseModule(page, "@/server/dbx")).toBe(false);
    expect(isDatabaseModule(page, "@/server/intents/list-intents")).toBe(false);
    expect(specifiers(`import { a } from "@/server/db/access";\nexport type { B } from './b';\nawait import("@/x");`)).toEqual([
      "@/server/db/access",
      "./b",
      "@/x",
    ]);
  });

  it("pages and route handlers never import the database module (domain operations open the transaction)", () => {
    const offenders = sourceFiles(path.join(root, "src/app")).flatMap((file) =>
      specifiers(readFileSync(file, "utf8"))
        .filter((specifier) => isDatabaseModule(file, specifier))
        .map((specifier) => `${path.relative(root, file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});
