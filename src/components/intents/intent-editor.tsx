"use client";

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
import { useLiveValidation } from "@/lib/use-live-validation";
import { CreateIntentInput, INTENT_LIMITS } from "@/server/intents/schemas";
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
    else if (!check.showApiErrors(result.error)) setFormError(result.error.message);
    else if (result.status === 409) setFormError(result.error.message);
  }

  async function loadLatest() {
    if (!base) return;
    const latest = await onReloadLatest(base.id);
    if (!latest) {
      setFormError("This intent has been deleted by someone else.");
      return;
    }
    setBase(latest);
    setDraft(draftOf(latest));
    setStale(false);
    check.reset();
  }

  const title = readOnly ? draft.name || "Intent" : base ? `Edit “${base.name}”` : "New intent";
  const selectedAction = actionOptions.find((o) => o.value === draft.action);
  return (
    <Card>
      <form
        aria-label={readOnly ? "Intent" : base ? "Edit intent" : "New intent"}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <CardHeader title={title} description="What callers ask, what the receptionist answers in each language, and what it does next." />
        <CardContent className="space-y-5">
          {stale && (
            <Alert
              variant="warning"
              title="Someone else saved this intent after you opened it"
              action={
                <Button type="button" size="sm" variant="secondary" onClick={() => void loadLatest()}>
                  Load their version
                </Button>
              }
            >
              Your changes were not saved. Load their version, then make your edit again.
            </Alert>
          )}
          <Field label="Name" error={check.errorFor("name")} hint="For your team only, e.g. “Opening hours” or “Prices”.">
            <Input
              value={draft.name}
              readOnly={readOnly}
              maxLength={INTENT_LIMITS.nameMax + 20}
              onChange={(e) => update("name", e.target.value)}
            />
          </Field>
          <Field
            label="Example phrases"
            error={check.errorFor("example_phrases", true)}
            hint={`How callers might ask, in any language: ${draft.example_phrases.length} of up to ${INTENT_LIMITS.phrasesMax}. More variety helps the receptionist recognise the question.`}
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
              label="Answer in English"
              lang="en"
              value={draft.response_en}
              error={check.errorFor("response_en")}
              readOnly={readOnly}
              onChange={(value) => update("response_en", value)}
            />
            <AnswerField
              label="Answer in Russian"
              lang="ru"
              value={draft.response_ru}
              error={check.errorFor("response_ru")}
              readOnly={readOnly}
              onChange={(value) => update("response_ru", value)}
            />
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <Field label="Then" hint={selectedAction?.effect}>
              <Select
                value={draft.action}
                disabled={readOnly}
                options={actionOptions.map(({ value, label }) => ({ value, label }))}
                onChange={(e) => update("action", e.target.value as IntentDraft["action"])}
              />
            </Field>
            <Field
              label="Active"
              hint={
                draft.is_active ? "The receptionist uses this intent on calls." : "Kept here, but the receptionist ignores it on calls."
              }
            >
              <Switch checked={draft.is_active} disabled={readOnly} onCheckedChange={(on) => update("is_active", on)} />
            </Field>
          </div>
          {formError && <Alert variant="danger">{formError}</Alert>}
        </CardContent>
        <CardFooter>
          <Button type="button" variant="ghost" onClick={onClose}>
            {readOnly ? "Close" : "Cancel"}
          </Button>
          {!readOnly && (
            <Button type="submit" variant="primary" loading={saving} disabled={stale}>
              {base ? "Save changes" : "Create intent"}
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
  const hint =
    lang === "en"
      ? "Said to callers speaking English. If empty, the receptionist translates the Russian answer."
      : "Said to callers speaking Russian. If empty, the receptionist translates the English answer.";
  return (
    <Field label={label} error={error} hint={`${hint} ${value.length}/${INTENT_LIMITS.responseMax}`}>
      <Textarea lang={lang} rows={5} value={value} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
