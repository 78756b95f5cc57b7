/**
 * Rewrites the schemas of Vapi's published OpenAPI 3.0 document into JSON Schema that ajv
 * reads the way Vapi's API behaves. Read literally, the document rejects bodies Vapi accepts
 * and accepts bodies Vapi rejects; each rule below names the quirk it answers, and
 * tests/providers/vapi/openapi.test.ts shows each one on a body.
 *
 * Pure: takes a freshly parsed `components.schemas` map, mutates and returns it.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type SchemaNode = { [key: string]: Json };
export type SchemaMap = Record<string, SchemaNode>;

export interface NormaliseOptions {
  /**
   * Vapi's API (NestJS with forbidNonWhitelisted) answers 400 "property X should not exist" for
   * unknown properties, although the document never says `additionalProperties: false`.
   * When true, every object schema with declared `properties` and no `additionalProperties`
   * closes; free-form objects (`metadata`, `{type: "object"}`) stay open.
   */
  rejectUnknownProperties: boolean;
  /** Fields Vapi accepts but the generated document hides, per schema name. */
  hiddenProperties: Record<string, Record<string, SchemaNode>>;
}

const REF_PREFIX = "#/components/schemas/";
/** Placeholder text the generator left where a pattern should be; no value can match it. */
const PLACEHOLDER_PATTERN = /^[A-Z][A-Z0-9_]+$/;
const DISCRIMINATOR_CANDIDATES = ["provider", "type"];

export function normaliseSchemas(schemas: SchemaMap, options: NormaliseOptions): SchemaMap {
  for (const [name, extra] of Object.entries(options.hiddenProperties)) {
    const target = schemas[name];
    if (target && isObject(target.properties)) Object.assign(target.properties, extra);
  }
  for (const name of Object.keys(schemas)) {
    const schema = schemas[name];
    if (schema) schemas[name] = normaliseNode(schema, schemas, options);
  }
  return schemas;
}

function normaliseNode(node: SchemaNode, schemas: SchemaMap, options: NormaliseOptions): SchemaNode {
  // Children first: properties, items, compositions, conditionals.
  if (isObject(node.properties)) {
    for (const key of Object.keys(node.properties)) {
      const child = node.properties[key];
      if (isObject(child)) node.properties[key] = normaliseNode(child, schemas, options);
    }
  }
  for (const key of ["items", "additionalProperties", "not", "if", "then", "else"]) {
    const child = node[key];
    if (isObject(child)) node[key] = normaliseNode(child, schemas, options);
  }
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = node[key];
    if (Array.isArray(list)) node[key] = list.map((child) => (isObject(child) ? normaliseNode(child, schemas, options) : child));
  }

  // Quirk: an `enum` on the array itself duplicates the item enum (serverMessages, clientMessages).
  if (node.type === "array" && Array.isArray(node.enum)) delete node.enum;
  // Quirk: `enum: []` means "no constraint", not "nothing is allowed".
  if (Array.isArray(node.enum) && node.enum.length === 0) delete node.enum;
  // Quirk: patterns are written as regex literals ("/^...$/u"); placeholders match nothing.
  if (typeof node.pattern === "string") {
    const pattern = patternSource(node.pattern);
    if (pattern === undefined) delete node.pattern;
    else node.pattern = pattern;
  }
  // OpenAPI 3.0 `discriminator` with `mapping` is not JSON Schema; oneOf handling below replaces it.
  delete node.discriminator;

  if (options.rejectUnknownProperties && isObject(node.properties) && !("additionalProperties" in node)) {
    node.additionalProperties = false;
  }

  let result = node;
  if (Array.isArray(node.oneOf)) result = rewriteOneOf(node, schemas);
  // OpenAPI 3.0 `nullable` becomes a JSON Schema null alternative.
  if (result.nullable === true) result = allowNull(result);
  delete result.nullable;
  return result;
}

/**
 * `oneOf` fails when a value matches two branches, which the document's "known value or any
 * string" unions always do. Branches that all carry a distinct `provider`/`type` value become an
 * explicit dispatch (like class-transformer's discriminator in Vapi's API): only the branch named
 * by the value is checked, so errors point at that branch. Anything else becomes `anyOf`.
 */
function rewriteOneOf(node: SchemaNode, schemas: SchemaMap): SchemaNode {
  const branches = node.oneOf as Json[];
  const { oneOf: _oneOf, ...rest } = node;
  const dispatch = discriminatedDispatch(branches, schemas);
  if (dispatch) return { ...rest, ...dispatch };
  return { ...rest, anyOf: branches };
}

function discriminatedDispatch(branches: Json[], schemas: SchemaMap): SchemaNode | undefined {
  if (branches.length < 2) return undefined;
  for (const property of DISCRIMINATOR_CANDIDATES) {
    const valuesByBranch: string[][] = [];
    for (const branch of branches) {
      const values = isObject(branch) ? discriminatorValues(resolve(branch, schemas), property) : undefined;
      if (!values) break;
      valuesByBranch.push(values);
    }
    if (valuesByBranch.length !== branches.length) continue;
    const all = valuesByBranch.flat();
    if (new Set(all).size !== all.length) continue;
    return {
      type: "object",
      required: [property],
      properties: { [property]: { type: "string", enum: all } },
      allOf: branches.map((branch, index) => ({
        if: { required: [property], properties: { [property]: { enum: valuesByBranch[index] ?? [] } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable.
        then: branch,
      })),
    };
  }
  return undefined;
}

/** The string values a branch fixes for `property`, if it requires it and pins it with enum/const. */
function discriminatorValues(schema: SchemaNode | undefined, property: string): string[] | undefined {
  if (!schema || !isObject(schema.properties)) return undefined;
  const required = Array.isArray(schema.required) ? schema.required : [];
  if (!required.includes(property)) return undefined;
  const declared = schema.properties[property];
  if (!isObject(declared)) return undefined;
  const values = Array.isArray(declared.enum) ? declared.enum : "const" in declared ? [declared.const] : [];
  if (values.length === 0 || !values.every((value) => typeof value === "string")) return undefined;
  return values as string[];
}

function resolve(node: SchemaNode, schemas: SchemaMap): SchemaNode | undefined {
  if (typeof node.$ref !== "string") return node;
  if (!node.$ref.startsWith(REF_PREFIX)) return undefined;
  return schemas[node.$ref.slice(REF_PREFIX.length)];
}

function allowNull(node: SchemaNode): SchemaNode {
  const { nullable: _nullable, ...rest } = node;
  if (typeof rest.type === "string" && !("$ref" in rest) && !("allOf" in rest) && !("anyOf" in rest)) {
    const widened: SchemaNode = { ...rest, type: [rest.type, "null"] };
    if (Array.isArray(rest.enum)) widened.enum = [...rest.enum, null];
    return widened;
  }
  return { anyOf: [{ type: "null" }, rest] };
}

function patternSource(pattern: string): string | undefined {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  const source = literal ? (literal[1] ?? "") : pattern;
  if (!literal && PLACEHOLDER_PATTERN.test(pattern)) return undefined;
  try {
    new RegExp(source, "u");
    return source;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is SchemaNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
