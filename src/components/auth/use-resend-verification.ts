"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";

export type ResendState =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "sent"; link: string | null }
  | { kind: "wait"; seconds: number }
  | { kind: "verified" }
  | { kind: "error"; message: string };

/**
 * "Send the link again" (POST /api/account/verification) honouring the API's cooldown: a 429
 * carries retry_after_seconds, counted down on screen with the button disabled until it is over.
 * `link` is the confirmation link itself, only when email is off.
 */
export function useResendVerification(): { state: ResendState; send: () => Promise<void>; busy: boolean } {
  const [state, setState] = useState<ResendState>({ kind: "idle" });
  const errorText = useApiErrorText();
  const waiting = state.kind === "wait" ? state.seconds : 0;

  useEffect(() => {
    if (waiting <= 0) return;
    const timer = window.setTimeout(
      () =>
        setState((current) =>
          current.kind === "wait" && current.seconds > 1 ? { kind: "wait", seconds: current.seconds - 1 } : { kind: "idle" },
        ),
      1000,
    );
    return () => window.clearTimeout(timer);
  }, [waiting]);

  const send = useCallback(async () => {
    setState({ kind: "sending" });
    const result = await apiFetch<{ link?: string | null }>("/api/account/verification", { method: "POST" });
    if (result.ok) {
      setState({ kind: "sent", link: result.data?.link ?? null });
      return;
    }
    const retry = Number(result.error.details?.retry_after_seconds);
    if (result.error.code === "rate_limited" && Number.isFinite(retry) && retry > 0) {
      setState({ kind: "wait", seconds: Math.min(Math.ceil(retry), 3600) });
    } else if (result.error.code === "conflict" && result.error.details?.reason === "already_verified") {
      setState({ kind: "verified" });
    } else {
      setState({ kind: "error", message: errorText(result.error) });
    }
  }, [errorText]);

  return { state, send, busy: state.kind === "sending" || state.kind === "wait" };
}
