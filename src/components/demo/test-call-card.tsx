"use client";

import { PhoneCall } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";

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

  async function placeCall() {
    setBusy(true);
    setError(null);
    setResult(null);
    const response = await apiFetch<TestCallResult>("/api/demo/test-call", { method: "POST", body: { caller_says: [words] } });
    setBusy(false);
    if (!response.ok) {
      setError(response.error.message);
      return;
    }
    setResult(response.data);
    router.refresh();
  }

  return (
    <Card>
      <CardHeader
        as="h2"
        title="Place a test call"
        description="Demo mode: a simulated patient rings your first number and talks to your receptionist."
      />
      <CardContent className="space-y-3 pt-3">
        <Field label="What the caller says" hint="English or Russian.">
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
          Place a test call
        </Button>
        {error && <Alert variant="danger">{error}</Alert>}
        {result && !result.connected && (
          <Alert variant="warning">The call was answered without the assistant. Open Calls to see why.</Alert>
        )}
        {result?.connected && (
          <div className="space-y-2" aria-live="polite">
            <p className="text-sm font-medium text-slate-900">The call ended. What was said:</p>
            <pre className="max-h-56 overflow-auto whitespace-pre-wrap rounded-lg bg-slate-50 p-3 text-xs text-slate-700">
              {result.transcript}
            </pre>
            <Link href="/dashboard/calls" className="text-sm font-medium text-brand-700 hover:underline">
              See it in Calls
            </Link>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
