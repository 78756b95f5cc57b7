"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import type { ApiError } from "./api-client";
import { errorCodeKeys } from "./error-code-keys";

/** Codes whose envelope message the server wrote (in English) for the case at hand. */
const FROM_SERVER = new Set<ApiError["code"]>(
  (Object.keys(errorCodeKeys) as ApiError["code"][]).filter((code) => code !== "network" && code !== "bad_response"),
);

/**
 * The words for an API error in the reader's language. The envelope's code picks the catalogue
 * text; in English the server's own message is shown instead, since it names the case exactly
 * ("An account with this email already exists."), and the catalogue is the fallback.
 *
 *   const errorText = useApiErrorText();
 *   if (!result.ok) setError(errorText(result.error));
 */
export function useApiErrorText(): (error: ApiError) => string {
  const t = useTranslations();
  const locale = useLocale();
  return useCallback(
    (error: ApiError) => {
      if (locale === "en" && FROM_SERVER.has(error.code) && error.message) return error.message;
      return t(errorCodeKeys[error.code]);
    },
    [t, locale],
  );
}

/**
 * One field's problem in the reader's language: in English the server's detail made a sentence
 * with the field's label ("Email is already a member."); otherwise the catalogue's sentence with
 * the server's detail as the fallback inside it ("Проверьте это значение (is already a member).").
 */
export function useFieldErrorText(): (detail: string, englishSentence: string) => string {
  const t = useTranslations();
  const locale = useLocale();
  return useCallback(
    (detail: string, englishSentence: string) => (locale === "en" ? englishSentence : t("errors.field", { detail })),
    [t, locale],
  );
}

/**
 * A failed save's words in the reader's language, for a form without inputs per field: each field
 * the API names ("staff_destinations.0.number: must be a phone number"), or else the error itself.
 */
export function useSaveErrorText(): (error: ApiError) => string {
  const errorText = useApiErrorText();
  const fieldText = useFieldErrorText();
  return useCallback(
    (error: ApiError) => {
      const fields = error.details?.fields?.map((f) => {
        const named = `${f.path}: ${f.message}`;
        return fieldText(named, named);
      });
      return fields?.length ? fields.join("; ") : errorText(error);
    },
    [errorText, fieldText],
  );
}
