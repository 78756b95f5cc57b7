import { vapiComponentSchema } from "@/providers/vapi/openapi";

/**
 * Builds the smallest instance a schema of Vapi's OpenAPI document allows: required properties
 * only, each the first enum value, the example, or a plain value of its type. Tests overlay the
 * fields they care about, so samples stay faithful to the published shapes.
 */

type Schema = Record<string, any>;
const REF_PREFIX = "#/components/schemas/";
const MAX_DEPTH = 12;

export function minimalSample(schemaName: string): Record<string, unknown> {
  return sampleOf({ $ref: `${REF_PREFIX}${schemaName}` }, 0) as Record<string, unknown>;
}

function sampleOf(schema: Schema, depth: number): unknown {
  if (depth > MAX_DEPTH) return undefined;
  if (typeof schema.$ref === "string") return sampleOf(vapiComponentSchema(schema.$ref.slice(REF_PREFIX.length)) as Schema, depth + 1);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((part: Schema) => sampleOf(part, depth + 1)));
  const union = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(union) && union.length > 0) return sampleOf(union[0], depth + 1);
  if (schema.type === "array" || schema.items) {
    return schema.minItems > 0 ? [sampleOf(schema.items ?? {}, depth + 1)] : [];
  }
  if (schema.type === "object" || schema.properties) {
    const result: Record<string, unknown> = {};
    for (const key of schema.required ?? []) {
      const value = sampleOf(schema.properties?.[key] ?? {}, depth + 1);
      if (value !== undefined) result[key] = value;
    }
    return result;
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (schema.example !== undefined && typeof schema.example !== "object") return schema.example;
  switch (schema.type) {
    case "string":
      return schema.format === "date-time" ? "2026-03-10T08:00:00.000Z" : "sample";
    case "number":
    case "integer":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return false;
    default:
      return {};
  }
}
