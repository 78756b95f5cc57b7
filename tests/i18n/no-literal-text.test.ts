import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * No words on a page outside the catalogues: every JSX text and every attribute a person reads
 * (label, title, placeholder, ...) in src/app and src/components comes from `t(...)`. Names that
 * are the same in every language (the product's and providers') may stay as written.
 */
const ROOT = path.resolve(import.meta.dirname, "../../src");
const READ_ATTRIBUTES = new Set(["label", "title", "placeholder", "description", "aria-label", "hint", "alt", "confirmLabel", "name"]);
// Also identifiers shown as examples of their format (a Messaging Service sid starts "MG").
const SAME_IN_EVERY_LANGUAGE = new Set([
  "© Clinicall",
  "MG…",
  "Clinicall",
  "Vapi",
  "Google",
  "Google Calendar",
  "Stripe",
  "Twilio",
  "EN",
  "RU",
  "English",
  "Русский",
]);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

/** Words a person would read: two letters in a row, not a name kept as is. */
function readable(text: string): boolean {
  const trimmed = text.replace(/\s+/g, " ").trim();
  return /\p{L}{2,}/u.test(trimmed) && !SAME_IN_EVERY_LANGUAGE.has(trimmed);
}

function literalTexts(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(ROOT, fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && readable(node.text)) found.push(`${where(node)} text "${node.text.trim().slice(0, 60)}"`);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const value = node.initializer;
      const literal = ts.isStringLiteral(value)
        ? value.text
        : ts.isJsxExpression(value) && value.expression && ts.isStringLiteral(value.expression)
          ? value.expression.text
          : null;
      if (literal !== null && readable(literal)) found.push(`${where(node)} ${node.name.getText(file)}="${literal.slice(0, 60)}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("words on pages come from the catalogues", () => {
  it("no JSX text or read attribute is a literal in src/app or src/components", () => {
    const found = [...tsxFiles(path.join(ROOT, "app")), ...tsxFiles(path.join(ROOT, "components"))].flatMap((file) =>
      literalTexts(file, readFileSync(file, "utf8")),
    );
    expect(found).toEqual([]);
  });

  it("finds them (it is not vacuous)", () => {
    const sample = 'export const A = () => <Field label="Email" hint={t("x.y")}><p>Choose a day.</p><span>{"—"}</span><b>EN</b></Field>;';
    expect(literalTexts(path.join(ROOT, "x.tsx"), sample)).toEqual(['x.tsx:1 label="Email"', 'x.tsx:1 text "Choose a day."']);
  });
});
