"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useLiveValidation } from "@/lib/use-live-validation";
import { CreateIntentInput, INTENT_LIMITS } from "@/shared/schemas/intents";
import { actionOptions, draftOf, emptyDraft, type Intent, type IntentDraft } from "./intent-types";
import { PhraseChips } from "./phrase-chips";

export interface IntentEditorProps {
  /** The intent being edited, or null for a new one. */
  intent: Intent | null;
  canEdit: boolean;
  onSaved: (intent: Intent) => void;
  onClose: () => void;
  /** Loads the latest version after someone else saved it first. */
  onReloadLatest: (id: string) => Promise<Intent | null>;
}

/** Create or edit one intent; checks as the admin types with the API's own rules. */
export function IntentEditor({ intent, canEdit, onSaved, onClose, onReloadLatest }: IntentEditorProps) {
  const [base, setBase] = useState<Intent | null>(intent);
  const [draft, setDraft] = useState<IntentDraft>(intent ? draftOf(intent) : emptyDraft);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const check = useLiveValidation(CreateIntentInput, draft);
  const readOnly = !canEdit;
  const t = useTranslations();
  const errorText = useApiErrorText();

  function update<K extends keyof IntentDraft>(key: K, value: IntentDraft[K]) {
    check.touch(key);
    if (key === "response_en" || key === "response_ru") check.touch(key === "response_en" ? "response_ru" : "response_en");
    setDraft((current) => ({ ...current, [key]: value }));
  }

  async function save() {
    setFormError(null);
    if (!check.valid) {
      check.revealAll();
      return;
    }
    setSaving(true);
    const body = { ...draft, response_en: draft.response_en || null, response_ru: draft.response_ru || null };
    const result = base
      ? await apiFetch<Intent>(`/api/intents/${base.id}`, { method: "PUT", body: { ...body, updated_at: base.updated_at } })
      : await apiFetch<Intent>("/api/intents", { method: "POST", body });
    setSaving(false);
    if (result.ok) {
      onSaved(result.data);
      return;
    }
    if (result.error.details?.reason === "stale_version") setStale(true);
    else if (!check.showApiErrors(result.error)) setFormError(errorText(result.error));
    else if (result.status === 409) setFormError(errorText(result.error));
  }

  async function loadLatest() {
    if (!base) return;
    const latest = await onReloadLatest(base.id);
    if (!latest) {
      setFormError(t("intents.editor.deleted"));
      return;
    }
    setBase(latest);
    setDraft(draftOf(latest));
    setStale(false);
    check.reset();
  }

  const title = readOnly
    ? draft.name || t("intents.editor.intent")
    : base
      ? t("intents.editor.editTitle", { name: base.name })
      : t("intents.new");
  const selectedAction = actionOptions.find((o) => o.value === draft.action);
  return (
    <Card>
      <form
        aria-label={readOnly ? t("intents.editor.intent") : base ? t("intents.editor.editForm") : t("intents.new")}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <CardHeader title={title} description={t("intents.editor.description")} />
        <CardContent className="space-y-5">
          {stale && (
            <Alert
              variant="warning"
              title={t("intents.editor.staleTitle")}
              action={
                <Button type="button" size="sm" variant="secondary" onClick={() => void loadLatest()}>
                  {t("intents.editor.loadTheirs")}
                </Button>
              }
            >
              {t("intents.editor.staleBody")}
            </Alert>
          )}
          <Field label={t("intents.editor.name")} error={check.errorFor("name")} hint={t("intents.editor.nameHint")}>
            <Input
              value={draft.name}
              readOnly={readOnly}
              maxLength={INTENT_LIMITS.nameMax + 20}
              onChange={(e) => update("name", e.target.value)}
            />
          </Field>
          <Field
            label={t("intents.editor.phrases")}
            error={check.errorFor("example_phrases", true)}
            hint={t("intents.editor.phrasesHint", { count: draft.example_phrases.length, max: INTENT_LIMITS.phrasesMax })}
          >
            <PhraseChips
              phrases={draft.example_phrases}
              readOnly={readOnly}
              invalid={Boolean(check.errorFor("example_phrases", true))}
              onChange={(phrases) => update("example_phrases", phrases)}
            />
          </Field>
          <div className="grid gap-4 md:grid-cols-2">
            <AnswerField
              label={t("intents.editor.answerEn")}
              lang="en"
              value={draft.response_en}
              error={check.errorFor("response_en")}
              readOnly={readOnly}
              onChange={(value) => update("response_en", value)}
            />
            <AnswerField
              label={t("intents.editor.answerRu")}
              lang="ru"
              value={draft.response_ru}
              error={check.errorFor("response_ru")}
              readOnly={readOnly}
              onChange={(value) => update("response_ru", value)}
            />
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <Field label={t("intents.editor.then")} hint={selectedAction ? t(selectedAction.effect) : undefined}>
              <Select
                value={draft.action}
                disabled={readOnly}
                options={actionOptions.map(({ value, label }) => ({ value, label: t(label) }))}
                onChange={(e) => update("action", e.target.value as IntentDraft["action"])}
              />
            </Field>
            <Field label={t("intents.editor.active")} hint={draft.is_active ? t("intents.editor.activeOn") : t("intents.editor.activeOff")}>
              <Switch checked={draft.is_active} disabled={readOnly} onCheckedChange={(on) => update("is_active", on)} />
            </Field>
          </div>
          {formError && <Alert variant="danger">{formError}</Alert>}
        </CardContent>
        <CardFooter>
          <Button type="button" variant="ghost" onClick={onClose}>
            {readOnly ? t("common.close") : t("common.cancel")}
          </Button>
          {!readOnly && (
            <Button type="submit" variant="primary" loading={saving} disabled={stale}>
              {base ? t("intents.editor.saveChanges") : t("intents.editor.create")}
            </Button>
          )}
        </CardFooter>
      </form>
    </Card>
  );
}

interface AnswerFieldProps {
  label: string;
  lang: "en" | "ru";
  value: string;
  error: string | undefined;
  readOnly: boolean;
  onChange: (value: string) => void;
}

function AnswerField({ label, lang, value, error, readOnly, onChange }: AnswerFieldProps) {
  const t = useTranslations();
  const counts = { length: value.length, max: INTENT_LIMITS.responseMax };
  const hint = lang === "en" ? t("intents.editor.answerEnHint", counts) : t("intents.editor.answerRuHint", counts);
  return (
    <Field label={label} error={error} hint={hint}>
      <Textarea lang={lang} rows={5} value={value} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
