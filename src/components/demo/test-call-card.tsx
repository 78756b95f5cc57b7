"use client";

import { PhoneCall } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";

interface TestCallResult {
  connected: boolean;
  call_sid: string;
  transcript: string | null;
  ended_reason: string | null;
}

const suggestions = ["When are you open?", "Can I book a cleaning tomorrow at 10?", "Сколько стоит осмотр?"];

/**
 * Demo mode only: rings the clinic's number with a simulated caller who says the given words.
 * The whole pipeline runs (signed Twilio webhook, transient assistant, Vapi emulator, our Vapi
 * webhook) and the call lands in the call log like any other.
 */
export function TestCallCard() {
  const router = useRouter();
  const [words, setWords] = useState(suggestions[0]!);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TestCallResult | null>(null);
  const t = useTranslations();
  const errorText = useApiErrorText();

  async function placeCall() {
    setBusy(true);
    setError(null);
    setResult(null);
    const response = await apiFetch<TestCallResult>("/api/demo/test-call", { method: "POST", body: { caller_says: [words] } });
    setBusy(false);
    if (!response.ok) {
      setError(errorText(response.error));
      return;
    }
    setResult(response.data);
    router.refresh();
  }

  return (
    <Card>
      <CardHeader as="h2" title={t("demo.testCall.title")} description={t("demo.testCall.description")} />
      <CardContent className="space-y-3 pt-3">
        <Field label={t("demo.testCall.says")} hint={t("demo.testCall.saysHint")}>
          <Textarea rows={2} value={words} maxLength={300} onChange={(event) => setWords(event.target.value)} />
        </Field>
        <div className="flex flex-wrap gap-2">
          {suggestions.map((suggestion) => (
            <button
              key={suggestion}
              type="button"
              onClick={() => setWords(suggestion)}
              className="rounded-full border border-slate-200 px-2.5 py-1 text-xs text-slate-600 hover:bg-slate-50"
            >
              {suggestion}
            </button>
          ))}
        </div>
        <Button variant="primary" onClick={placeCall} loading={busy} disabled={!words.trim()}>
          <PhoneCall className="size-4" aria-hidden="true" />
          {t("demo.testCall.place")}
        </Button>
        {error && <Alert variant="danger">{error}</Alert>}
        {result && !result.connected && <Alert variant="warning">{t("demo.testCall.noAssistant")}</Alert>}
        {result?.connected && (
          <div className="space-y-2" aria-live="polite">
            <p className="text-sm font-medium text-slate-900">{t("demo.testCall.ended")}</p>
            <pre className="max-h-56 overflow-auto whitespace-pre-wrap rounded-lg bg-slate-50 p-3 text-xs text-slate-700">
              {result.transcript}
            </pre>
            <Link href="/dashboard/calls" className="text-sm font-medium text-brand-700 hover:underline">
              {t("demo.testCall.seeInCalls")}
            </Link>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
