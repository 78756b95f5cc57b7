import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { normaliseSchemas, type SchemaMap } from "./openapi-normalise";

/**
 * Validators for request bodies we send to Vapi, compiled from Vapi's OpenAPI document.
 *
 * The document is vendored beside this file (`vapi-openapi.json`, Vapi's published document)
 * so nothing at run time or in the tests depends on a copy outside the repository.
 * It is read and compiled on first use only, then cached for the life of the process: the
 * production call path never needs it, tests, the emulator and the assistant preview do.
 *
 * Contract: validators never throw for any input; they return readable error strings such as
 * `assistant.model.provider must be one of: openai, anthropic, ...`.
 */

export type SchemaValidation = { ok: true } | { ok: false; errors: string[] };

/** Create-call fields missing from vapi-openapi.json that Vapi's guides use and its API accepts. */
const BYPASS_FIELDS = ["phoneCallProviderBypassEnabled"] as const;

/** Fields Vapi accepts that its generated document (vapi-openapi.json) leaves out. */
const HIDDEN_PROPERTIES = {
  CreateAssistantDTO: { silenceTimeoutSeconds: { type: "number", minimum: 10, maximum: 3600 } },
  AssistantOverrides: { silenceTimeoutSeconds: { type: "number", minimum: 10, maximum: 3600 } },
};

const DOCUMENT_FILE = "vapi-openapi.json";
const SCHEMA_ID = "vapi";
const MAX_REPORTED_ERRORS = 12;

/** Checks a `POST /call` body, bypass field included (checked separately: the document lacks it). */
export function validateCreateCall(body: unknown): SchemaValidation {
  if (!isPlainObject(body)) return { ok: false, errors: ["body must be a JSON object"] };
  const errors: string[] = [];
  const rest: Record<string, unknown> = { ...body };
  for (const field of BYPASS_FIELDS) {
    if (field in rest && typeof rest[field] !== "boolean") errors.push(`${field} must be a boolean`);
    delete rest[field];
  }
  const result = validateVapiComponent("CreateCallDTO", rest);
  if (!result.ok) errors.push(...result.errors);
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

/** Checks a transient assistant (the `assistant` of a create-call body) against `CreateAssistantDTO`. */
export function validateAssistant(assistant: unknown): SchemaValidation {
  if (!isPlainObject(assistant)) return { ok: false, errors: ["assistant must be a JSON object"] };
  return validateVapiComponent("CreateAssistantDTO", assistant);
}

/**
 * Checks a value against any schema of `components.schemas` (e.g. `ServerMessageEndOfCallReport`,
 * `ServerMessageResponseToolCalls`), with the same reading of the document. Each schema compiles
 * on first use (up to a second for the large ones).
 */
export function validateVapiComponent(schemaName: string, value: unknown): SchemaValidation {
  const validate = compiled(schemaName);
  if (validate(value)) return { ok: true };
  return { ok: false, errors: readableErrors(validate.errors ?? []) };
}

/** Compiles both validators now (e.g. when the emulator starts) instead of on the first request. */
export function warmUpVapiValidators(): void {
  compiled("CreateCallDTO");
  compiled("CreateAssistantDTO");
}

let publishedDocument: OpenApiDocument | undefined;

/** A copy of one component schema as published, before normalisation (for building test samples). */
export function vapiComponentSchema(name: string): unknown {
  publishedDocument ??= readDocument();
  const schema = publishedDocument.components.schemas[name];
  return schema === undefined ? undefined : structuredClone(schema);
}

const validators = new Map<string, ValidateFunction>();
let ajvInstance: Ajv | undefined;

function compiled(schemaName: string): ValidateFunction {
  const cached = validators.get(schemaName);
  if (cached) return cached;
  const validate = ajv().getSchema(`${SCHEMA_ID}#/components/schemas/${schemaName}`);
  if (!validate) throw new Error(`Vapi OpenAPI document has no schema ${schemaName}`);
  validators.set(schemaName, validate);
  return validate;
}

function ajv(): Ajv {
  if (ajvInstance) return ajvInstance;
  // OpenAPI keywords (example, x-*, readOnly) are not JSON Schema: strict mode off.
  // inlineRefs off: the graph behind CreateCallDTO is large and shared; one function per schema
  // compiles several times faster than inlining it everywhere.
  const instance = new Ajv({ strict: false, allErrors: false, inlineRefs: false, allowUnionTypes: true });
  addFormats(instance);
  instance.addFormat("binary", true);
  const schemas = normaliseSchemas(readDocument().components.schemas, {
    rejectUnknownProperties: true,
    hiddenProperties: HIDDEN_PROPERTIES,
  });
  instance.addSchema({ $id: SCHEMA_ID, components: { schemas } });
  ajvInstance = instance;
  return instance;
}

// ajv-formats is CommonJS; depending on the loader its default export is the plugin or a namespace.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

interface OpenApiDocument {
  components: { schemas: SchemaMap };
}

/** Parses a fresh copy every call: normalisation mutates it. */
function readDocument(): OpenApiDocument {
  const file = documentPath();
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isPlainObject(parsed) || !isPlainObject(parsed.components) || !isPlainObject(parsed.components.schemas)) {
    throw new Error(`${file} is not an OpenAPI document with components.schemas`);
  }
  return parsed as unknown as OpenApiDocument;
}

/** Beside this module when it runs from source; from the repository root otherwise (bundled server). */
function documentPath(): string {
  const candidates: string[] = [];
  try {
    candidates.push(fileURLToPath(new URL(`./${DOCUMENT_FILE}`, import.meta.url)));
  } catch {
    // import.meta.url is not a file: URL inside some bundles.
  }
  candidates.push(path.join(process.cwd(), "src", "providers", "vapi", DOCUMENT_FILE));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`Vapi OpenAPI document not found; looked in: ${candidates.join(", ")}`);
  return found;
}

function readableErrors(errors: ErrorObject[]): string[] {
  const messages = new Set<string>();
  for (const error of relevantErrors(errors)) {
    messages.add(describe(error));
    if (messages.size >= MAX_REPORTED_ERRORS) break;
  }
  return [...messages];
}

/**
 * ajv reports every failed `anyOf` branch and the `if` that selected a dispatched branch. Keep the
 * errors that say what is wrong: branch errors deeper than the union (a near match), else the union.
 */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((error) => error.keyword === "anyOf");
  return errors.filter((error) => {
    if (error.keyword === "if") return false;
    if (error.keyword === "anyOf") {
      return !errors.some((other) => other.keyword !== "anyOf" && isDeeper(other.instancePath, error.instancePath));
    }
    const union = unions.find((candidate) => isWithin(error.instancePath, candidate.instancePath));
    return !union || isDeeper(error.instancePath, union.instancePath);
  });
}

function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

function isDeeper(inner: string, outer: string): boolean {
  return inner.startsWith(`${outer}/`);
}

function describe(error: ErrorObject): string {
  const at = readablePath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `${joinPath(at, String(params.missingProperty))} is required`;
    case "additionalProperties":
      return `${joinPath(at, String(params.additionalProperty))} is not a known property`;
    case "enum": {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const shown = allowed.slice(0, 8).map(String).join(", ");
      return `${at || "value"} must be one of: ${shown}${allowed.length > 8 ? ", ..." : ""}`;
    }
    case "anyOf":
      return `${at || "value"} does not match any allowed shape`;
    default:
      return `${at || "value"} ${error.message ?? "is invalid"}`;
  }
}

/** "/assistant/model/tools/0/function" → "assistant.model.tools[0].function". */
function readablePath(instancePath: string): string {
  return instancePath
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, segment) => (/^\d+$/.test(segment) ? `${acc}[${segment}]` : acc ? `${acc}.${segment}` : segment), "");
}

function joinPath(base: string, property: string): string {
  return base ? `${base}.${property}` : property;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
