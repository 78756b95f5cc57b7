"use client";

import { type ChangeEvent, type FormEvent, useCallback, useState } from "react";
import { type ApiError, type ApiResult, fieldErrorsOf } from "./api-client";
import { useApiErrorText, useFieldErrorText } from "./api-error-text";

/**
 * A small form state hook for forms that post to the API. It keeps the values, marks the form
 * as submitting (so the button can be disabled), and maps the API's error envelope onto the
 * form: 422/409 `details.fields[].path` go to the matching input, anything else to `formError`,
 * both in the reader's language (useApiErrorText, useFieldErrorText).
 *
 *   const form = useApiForm({
 *     initial: { email: "", password: "" },
 *     labels: { email: "Email" },
 *     submit: (values) => apiFetch("/api/auth/login", { method: "POST", body: values }),
 *     onSuccess: () => router.push("/dashboard"),
 *   });
 *   <form onSubmit={form.handleSubmit}>
 *     <Field label="Email" error={form.errors.email}><Input {...form.register("email")} /></Field>
 *     {form.formError && <Alert variant="danger">{form.formError}</Alert>}
 *     <Button type="submit" loading={form.submitting}>Sign in</Button>
 */
export interface UseApiFormOptions<Values extends Record<string, string>, Data> {
  initial: Values;
  submit: (values: Values) => Promise<ApiResult<Data>>;
  onSuccess?: (data: Data, values: Values) => void | Promise<void>;
  /** Human names of the fields, used when the API sends a fragment such as "is already a member". */
  labels?: Partial<Record<keyof Values, string>>;
  /** Keep the form busy after success because onSuccess navigates away (no flicker of an enabled button). */
  navigatesOnSuccess?: boolean;
}

export interface ApiFormState<Values extends Record<string, string>> {
  values: Values;
  errors: Partial<Record<keyof Values, string>>;
  formError: string | null;
  /** The last API error, for callers that branch on `code` or `details.reason`. */
  lastError: ApiError | null;
  submitting: boolean;
  /** The last submit succeeded; false again once another starts (forms show "Saved" by it). */
  succeeded: boolean;
  setValue: (name: keyof Values, value: string) => void;
  register: (name: keyof Values & string) => {
    name: string;
    value: string;
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => void;
  };
  handleSubmit: (event?: FormEvent) => Promise<void>;
  reset: (values?: Values) => void;
}

export function useApiForm<Values extends Record<string, string>, Data = unknown>(
  options: UseApiFormOptions<Values, Data>,
): ApiFormState<Values> {
  const { initial, submit, onSuccess, labels, navigatesOnSuccess } = options;
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [lastError, setLastError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [succeeded, setSucceeded] = useState(false);
  const errorText = useApiErrorText();
  const fieldText = useFieldErrorText();

  const setValue = useCallback((name: keyof Values, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    // An edited field's old error no longer describes it.
    setErrors((current) => (current[name] ? { ...current, [name]: undefined } : current));
  }, []);

  const register = useCallback(
    (name: keyof Values & string) => ({
      name,
      value: values[name] ?? "",
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setValue(name, event.target.value),
    }),
    [values, setValue],
  );

  const handleSubmit = useCallback(
    async (event?: FormEvent) => {
      event?.preventDefault();
      if (submitting) return;
      setSubmitting(true);
      setSucceeded(false);
      setFormError(null);
      setLastError(null);
      setErrors({});
      let stayBusy = false;
      try {
        const result = await submit(values);
        if (result.ok) {
          stayBusy = Boolean(navigatesOnSuccess);
          setSucceeded(true);
          await onSuccess?.(result.data, values);
          return;
        }
        const { fieldErrors, unmatched } = splitErrors(result.error, values, labels, fieldText);
        setErrors(fieldErrors);
        setLastError(result.error);
        // A field-level problem is shown at its field; everything else (401, 429, 500) above the button.
        setFormError(Object.keys(fieldErrors).length > 0 && !unmatched ? null : errorText(result.error));
      } finally {
        if (!stayBusy) setSubmitting(false);
      }
    },
    [submitting, submit, values, onSuccess, labels, navigatesOnSuccess, errorText, fieldText],
  );

  const reset = useCallback(
    (next?: Values) => {
      setValues(next ?? initial);
      setErrors({});
      setFormError(null);
      setLastError(null);
    },
    [initial],
  );

  return { values, errors, formError, lastError, submitting, succeeded, setValue, register, handleSubmit, reset };
}

function splitErrors<Values extends Record<string, string>>(
  error: ApiError,
  values: Values,
  labels: Partial<Record<keyof Values, string>> | undefined,
  fieldText: (detail: string, sentence: string) => string,
): { fieldErrors: Partial<Record<keyof Values, string>>; unmatched: boolean } {
  const fieldErrors: Partial<Record<keyof Values, string>> = {};
  let unmatched = false;
  for (const [path, message] of Object.entries(fieldErrorsOf(error))) {
    if (path in values) {
      fieldErrors[path as keyof Values] = fieldText(message, asSentence(message, labels?.[path as keyof Values]));
    } else {
      unmatched = true;
    }
  }
  return { fieldErrors, unmatched };
}

/** "is already a member" → "Email is already a member."; full sentences pass through. */
function asSentence(message: string, label: string | undefined): string {
  const first = message.charAt(0);
  if (first && first === first.toUpperCase()) return message;
  const sentence = label ? `${label} ${message}` : first.toUpperCase() + message.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
