import { type ApiError, fieldErrorsOf } from "@/lib/api-client";

/**
 * A form's field errors with the API's known details worded by the catalogue (whole sentences in
 * the reader's language, e.g. "Your current password is not right."); any other detail keeps the
 * form's own text. A field the person has edited since (no error in `errors`) stays clear.
 *
 *   const errors = fieldSentences(form.errors, form.lastError, { current_password: { "is not right": sentence } });
 */
export function fieldSentences<Field extends string>(
  errors: Partial<Record<Field, string>>,
  lastError: ApiError | null,
  known: Partial<Record<Field, Record<string, string>>>,
): Partial<Record<Field, string>> {
  if (!lastError) return errors;
  const worded: Partial<Record<Field, string>> = { ...errors };
  for (const [path, detail] of Object.entries(fieldErrorsOf(lastError))) {
    const sentence = known[path as Field]?.[detail];
    if (sentence && errors[path as Field]) worded[path as Field] = sentence;
  }
  return worded;
}
