/**
 * A strict little XML reader for TwiML assertions (no XML parser is installed): accepts one
 * optional declaration and one root element; elements must nest and close, attribute values must
 * be quoted, and `&` must start a known entity. Throws on anything else.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml\s+version="1\.0"(?:\s+encoding="UTF-8")?\s*\?>/, "");
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (let match = tag.exec(body); match; match = tag.exec(body)) {
    consumed = tag.lastIndex;
    const [, closing, name, attributeText, selfClosing, text] = match;
    const parent = stack.at(-1);
    if (text !== undefined) {
      if (!parent && text.trim()) throw new Error(`text outside the root: ${text}`);
      if (parent) parent.text += decode(text);
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? "nothing"}>`);
      continue;
    }
    const element: XmlElement = { name: name ?? "", attributes: attributesOf(attributeText ?? ""), children: [], text: "" };
    if (parent) parent.children.push(element);
    else if (root) throw new Error("more than one root element");
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (consumed !== body.length) throw new Error(`unreadable XML at offset ${consumed}: ${body.slice(consumed, consumed + 30)}`);
  if (stack.length > 0) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, value] of text.matchAll(/([\w:.-]+)="([^"]*)"/g)) attributes[name ?? ""] = decode(value ?? "");
  return attributes;
}

function decode(text: string): string {
  return text.replace(/&([a-z]+|#\d+|#x[0-9a-f]+);|&/gi, (whole, entity: string | undefined) => {
    if (!entity) throw new Error("bare & in XML text");
    if (entity.startsWith("#x")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    const decoded = ENTITIES[entity];
    if (decoded === undefined) throw new Error(`unknown entity ${whole}`);
    return decoded;
  });
}
