import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * An API error reaches the reader in their language: the pages show `errorText(error)`
 * (src/lib/api-error-text.ts: the catalogue's words by the error's code, the server's own sentence
 * in English), never the envelope's `message`, which the server writes in English.
 */
const ROOT = path.resolve(import.meta.dirname, "../../src");

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

/** `error.message`, `x.error.message`, `result.error.message` and the like, with their lines. */
function rawErrorMessages(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === "message") {
      const owner = node.expression;
      const ownerName = ts.isIdentifier(owner) ? owner.text : ts.isPropertyAccessExpression(owner) ? owner.name.text : "";
      if (ownerName === "error") {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push(`${path.relative(ROOT, file)}:${line} ${node.getText()}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("API errors on the pages", () => {
  it("are shown through errorText, never as the server's English message", () => {
    const files = [...tsxFiles(path.join(ROOT, "app")), ...tsxFiles(path.join(ROOT, "components"))];
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(rawErrorMessages)).toEqual([]);
  });

  it("finds the raw message where it is used", () => {
    const sample = path.join(import.meta.dirname, "raw-api-error.sample.tsx");
    expect(rawErrorMessages(sample)).toEqual([expect.stringContaining("result.error.message"), expect.stringContaining("error.message")]);
  });
});
