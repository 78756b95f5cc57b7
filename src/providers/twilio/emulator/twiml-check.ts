/**
 * What Twilio checks before it accepts TwiML on a REST request (`Twiml` on calls.update):
 * at most 4000 characters, well-formed XML whose root is <Response>, and (error 15004) every
 * callback URL absolute, because there is no document URL to resolve a relative one against.
 * A small checker, not a full XML parser: tags balance, attributes are quoted.
 */

const MAX_TWIML_CHARS = 4000;

export type TwimlProblem = { code: number; message: string };

const CALLBACK_ATTRIBUTES = new Set([
  "action",
  "url",
  "statuscallback",
  "recordingstatuscallback",
  "transcribecallback",
  "waiturl",
  "referurl",
  "partialresultcallback",
]);

export interface TwimlElement {
  name: string;
  attributes: Record<string, string>;
  children: TwimlElement[];
  text: string;
}

/** Parses TwiML into elements, or returns Twilio's problem with it. */
export function checkTwiml(twiml: string): { ok: true; root: TwimlElement } | { ok: false; problem: TwimlProblem } {
  if (twiml.length > MAX_TWIML_CHARS) {
    return { ok: false, problem: { code: 32018, message: `Twiml size exceeded maximum allowed value of ${MAX_TWIML_CHARS} characters` } };
  }
  const root = parse(twiml.replace(/^\s*<\?xml[^?]*\?>/, ""));
  if (root?.name !== "Response" || !root) return { ok: false, problem: { code: 12100, message: "Document parse failure" } };
  const relative = findRelativeCallback(root);
  if (relative) {
    return {
      ok: false,
      problem: {
        code: 15004,
        message: `Action Callback URL must be an absolute URL when using TwiML to update in-progress calls: ${relative}`,
      },
    };
  }
  return { ok: true, root };
}

function findRelativeCallback(element: TwimlElement): string | undefined {
  for (const [name, value] of Object.entries(element.attributes)) {
    if (CALLBACK_ATTRIBUTES.has(name.toLowerCase()) && !/^https?:\/\/[^/\s]+/i.test(value)) return `${element.name} ${name}="${value}"`;
  }
  for (const child of element.children) {
    const found = findRelativeCallback(child);
    if (found) return found;
  }
  return undefined;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    if (entity[0] === "#")
      return String.fromCodePoint(entity[1] === "x" || entity[1] === "X" ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    return ENTITIES[entity.toLowerCase()] ?? "";
  });
}

/** Well-formed XML elements and text (no comments, CDATA or doctypes: TwiML has none), else null. */
export function parse(xml: string): TwimlElement | null {
  const tokens = /<\/?([A-Za-z][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)/gy;
  const stack: TwimlElement[] = [];
  let root: TwimlElement | null = null;
  let index = 0;
  const input = xml.trim();
  while (index < input.length) {
    tokens.lastIndex = index;
    const match = tokens.exec(input);
    if (!match) return null;
    index = tokens.lastIndex;
    const [whole, name, rawAttributes, selfClosing, text] = match;
    if (text !== undefined) {
      if (stack.length === 0) {
        if (text.trim() !== "") return null;
        continue;
      }
      stack[stack.length - 1]!.text += decode(text);
      continue;
    }
    if (whole.startsWith("</")) {
      const open = stack.pop();
      if (!open || open.name !== name) return null;
      if (stack.length === 0) root = open;
      continue;
    }
    if (root) return null; // a second root
    const attributes: Record<string, string> = {};
    for (const attribute of (rawAttributes ?? "").matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes[attribute[1]!] = decode(attribute[2] ?? attribute[3] ?? "");
    }
    const element: TwimlElement = { name: name!, attributes, children: [], text: "" };
    stack[stack.length - 1]?.children.push(element);
    if (selfClosing) {
      if (stack.length === 0) root = element;
    } else {
      stack.push(element);
    }
  }
  return stack.length === 0 ? root : null;
}
