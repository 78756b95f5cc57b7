"use client";

import { useCallback, useMemo, useState } from "react";
import type { z } from "zod";
import { type ApiError, fieldErrorsOf } from "./api-client";
import { useFieldErrorText } from "./api-error-text";

/** The first message per field path ("days.1.ranges.0.closes_at") of a zod check. */
function validationErrors(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  const errors: Record<string, string> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".");
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
}

/**
 * Checks a form's value with the same zod schema as the API, as the person types. A field's
 * error shows once it has been edited (or after a save was attempted); errors the API returned
 * show until that field is edited again.
 *
 *   const check = useLiveValidation(CreateIntentInput, draft);
 *   <Field error={check.errorFor("name")}><Input onChange={(e) => { check.touch("name"); ... }} /></Field>
 *   if (!check.valid) { check.revealAll(); return; }
 */
export function useLiveValidation(schema: z.ZodType, value: unknown) {
  const live = useMemo(() => validationErrors(schema, value), [schema, value]);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [revealed, setRevealed] = useState(false);
  const [server, setServer] = useState<Record<string, string>>({});
  // The schema's and the API's messages are English details; other languages wrap them in a sentence.
  const fieldText = useFieldErrorText();

  const touch = useCallback((path: string) => {
    setTouched((current) => (current.has(path) ? current : new Set(current).add(path)));
    setServer((current) => Object.fromEntries(Object.entries(current).filter(([p]) => !p.startsWith(path))));
  }, []);

  /** The error for `path` itself or, with `nested`, the first one under it ("example_phrases.3"). */
  const errorFor = useCallback(
    (path: string, nested = false): string | undefined => {
      const matches = (p: string) => p === path || (nested && p.startsWith(`${path}.`));
      const fromServer = Object.entries(server).find(([p]) => matches(p));
      if (fromServer) return fieldText(fromServer[1], fromServer[1]);
      const shown = revealed || [...touched].some((t) => matches(t) || path.startsWith(`${t}.`) || t.startsWith(`${path}.`));
      if (!shown) return undefined;
      const message = Object.entries(live).find(([p]) => matches(p))?.[1];
      return message === undefined ? undefined : fieldText(message, message);
    },
    [live, server, touched, revealed, fieldText],
  );

  /** Shows the API's field errors; returns false if it sent none (show `error.message` instead). */
  const showApiErrors = useCallback((error: ApiError): boolean => {
    const fields = fieldErrorsOf(error);
    setServer(fields);
    return Object.keys(fields).length > 0;
  }, []);

  const reset = useCallback(() => {
    setTouched(new Set());
    setRevealed(false);
    setServer({});
  }, []);

  return {
    valid: Object.keys(live).length === 0,
    errors: live,
    touch,
    errorFor,
    revealAll: useCallback(() => setRevealed(true), []),
    showApiErrors,
    reset,
  };
}

export type LiveValidation = ReturnType<typeof useLiveValidation>;
