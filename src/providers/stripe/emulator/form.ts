/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracket keys
 * (`metadata[organisation_id]=…`, `line_items[0][price]=…`, `expand[0]=…`), the same for query
 * strings. Objects whose keys are all indexes 0..n-1 become arrays.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export class FormError extends Error {
  constructor(
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 5;
const MAX_PAIRS = 2000;

export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  const params = new URLSearchParams(text);
  let count = 0;
  for (const [rawKey, value] of params) {
    if (++count > MAX_PAIRS) throw new FormError("Too many parameters.");
    if (rawKey.includes("\u0000") || value.includes("\u0000")) throw new FormError("Invalid string: contains a null byte.", rawKey);
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) throw new FormError(`Invalid parameter name: ${rawKey.slice(0, 80)}`, rawKey);
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    if (path.length > MAX_DEPTH) throw new FormError("Parameters are nested too deeply.", rawKey);
    let node: FormObject = root;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      const next = node[key];
      if (next === undefined) node[key] = {};
      else if (typeof next === "string") throw new FormError(`Invalid hash for ${path.slice(0, i + 1).join(".")}`, key);
      node = node[key] as FormObject;
    }
    const last = path[path.length - 1]!;
    if (typeof node[last] === "object") throw new FormError(`Invalid string for ${last}`, last);
    node[last] = value;
  }
  return arrays(root) as FormObject;
}

function arrays(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) converted[key] = arrays(value[key]!);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    const sorted = keys.map(Number).sort((a, b) => a - b);
    if (sorted.every((n, i) => n === i)) return sorted.map((n) => converted[String(n)]!);
  }
  return converted;
}

/** Readers that answer Stripe's own error messages. */
export const read = {
  string(form: FormObject, key: string, options: { required?: boolean; max?: number } = {}): string | undefined {
    const value = form[key];
    if (value === undefined || value === "") {
      if (options.required) throw new FormError(`Missing required param: ${key}.`, key);
      return undefined;
    }
    if (typeof value !== "string") throw new FormError(`Invalid string: ${key}`, key);
    if (options.max && value.length > options.max)
      throw new FormError(`Invalid string: ${key} must be at most ${options.max} characters`, key);
    return value;
  },
  integer(form: FormObject, key: string, options: { min?: number; max?: number } = {}): number | undefined {
    const value = read.string(form, key);
    if (value === undefined) return undefined;
    if (!/^-?\d{1,15}$/.test(value)) throw new FormError(`Invalid integer: ${value.slice(0, 40)}`, key);
    const n = Number(value);
    if ((options.min !== undefined && n < options.min) || (options.max !== undefined && n > options.max)) {
      throw new FormError(`Invalid ${key}: must be between ${options.min} and ${options.max}`, key);
    }
    return n;
  },
  boolean(form: FormObject, key: string): boolean | undefined {
    const value = read.string(form, key);
    if (value === undefined) return undefined;
    if (value !== "true" && value !== "false") throw new FormError(`Invalid boolean: ${value.slice(0, 40)}`, key);
    return value === "true";
  },
  object(form: FormObject, key: string): FormObject | undefined {
    const value = form[key];
    if (value === undefined || value === "") return undefined;
    if (typeof value !== "object" || Array.isArray(value)) throw new FormError(`Invalid hash: ${key}`, key);
    return value;
  },
  array(form: FormObject, key: string): FormValue[] | undefined {
    const value = form[key];
    if (value === undefined || value === "") return undefined;
    if (!Array.isArray(value)) throw new FormError(`Invalid array: ${key}`, key);
    return value;
  },
  /** Stripe's metadata rules: up to 50 keys, keys up to 40 characters, values up to 500. */
  metadata(form: FormObject, key = "metadata"): Record<string, string> | undefined {
    const value = read.object(form, key);
    if (!value) return undefined;
    const entries = Object.entries(value);
    if (entries.length > 50) throw new FormError("Metadata can have up to 50 keys.", key);
    const out: Record<string, string> = {};
    for (const [k, v] of entries) {
      if (typeof v !== "string") throw new FormError(`Invalid metadata value for ${k}`, `${key}[${k}]`);
      if (k.length > 40) throw new FormError("Metadata keys can be up to 40 characters long.", `${key}[${k}]`);
      if (v.length > 500) throw new FormError("Metadata values can be up to 500 characters long.", `${key}[${k}]`);
      out[k] = v;
    }
    return out;
  },
};

/** Refuses parameters an endpoint does not take, as Stripe does (`parameter_unknown`). */
export function onlyKnown(form: FormObject, known: readonly string[]): void {
  for (const key of Object.keys(form)) {
    if (!known.includes(key)) throw new FormError(`Received unknown parameter: ${key}`, key);
  }
}
