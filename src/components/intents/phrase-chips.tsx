"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { type KeyboardEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { INTENT_LIMITS } from "@/shared/schemas/intents";

export interface PhraseChipsProps {
  phrases: string[];
  onChange: (phrases: string[]) => void;
  readOnly?: boolean;
  invalid?: boolean;
}

/** Example phrases as removable chips, with an input that adds one on Enter or "Add". */
export function PhraseChips({ phrases, onChange, readOnly, invalid }: PhraseChipsProps) {
  const [pending, setPending] = useState("");
  const t = useTranslations();
  const trimmed = pending.trim();
  const tooLong = trimmed.length > INTENT_LIMITS.phraseMax;
  const duplicate = phrases.some((p) => p.toLowerCase() === trimmed.toLowerCase());
  const full = phrases.length >= INTENT_LIMITS.phrasesMax;
  const canAdd = trimmed.length > 0 && !tooLong && !duplicate && !full;

  function add() {
    if (!canAdd) return;
    onChange([...phrases, trimmed]);
    setPending("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    } else if (event.key === "Backspace" && pending === "" && phrases.length > 0) {
      onChange(phrases.slice(0, -1));
    }
  }

  const hint = tooLong
    ? t("intents.phrases.tooLong", { max: INTENT_LIMITS.phraseMax, length: trimmed.length })
    : duplicate && trimmed
      ? t("intents.phrases.duplicate")
      : full
        ? t("intents.phrases.full", { max: INTENT_LIMITS.phrasesMax })
        : null;

  return (
    <div className="space-y-2">
      <ul className="flex flex-wrap gap-1.5" aria-label={t("intents.editor.phrases")}>
        {phrases.map((phrase, index) => (
          <li
            key={phrase}
            className="inline-flex max-w-full items-center gap-1 rounded-full bg-brand-50 py-1 pr-1 pl-3 text-[13px] text-brand-800 ring-1 ring-brand-200 ring-inset"
          >
            <span className="truncate">{phrase}</span>
            {!readOnly && (
              <button
                type="button"
                className="rounded-full p-0.5 text-brand-500 hover:bg-brand-100 hover:text-brand-800"
                aria-label={t("intents.phrases.remove", { phrase })}
                onClick={() => onChange(phrases.filter((_, i) => i !== index))}
              >
                <X className="size-3.5" aria-hidden="true" />
              </button>
            )}
          </li>
        ))}
        {phrases.length === 0 && <li className="text-[13px] text-slate-500">{t("intents.phrases.none")}</li>}
      </ul>
      {!readOnly && (
        <div className="flex gap-2">
          <Input
            value={pending}
            invalid={invalid || tooLong}
            placeholder={t("intents.phrases.placeholder")}
            aria-label={t("intents.phrases.new")}
            onChange={(e) => setPending(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <Button type="button" variant="secondary" onClick={add} disabled={!canAdd}>
            {t("intents.phrases.add")}
          </Button>
        </div>
      )}
      {hint && <p className="text-[13px] text-amber-700">{hint}</p>}
    </div>
  );
}
