import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written while serving one request carries. */
export interface LogContext {
  requestId: string;
  /** Set once the request is known to concern a call (ours, Twilio's and Vapi's ids). */
  callId?: string;
  callSid?: string;
  vapiCallId?: string;
}

// On globalThis: Next may load this module more than once per process (one copy per bundle), and
// every copy must see the same store, or a route's log lines would lose the request id.
const holder = globalThis as unknown as { __clinicallLogContext?: AsyncLocalStorage<LogContext> };
holder.__clinicallLogContext ??= new AsyncLocalStorage<LogContext>();
const store = holder.__clinicallLogContext;

export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return store.run(context, fn);
}

/** The current request's context, or undefined outside a request (start-up, background work). */
export function currentLogContext(): LogContext | undefined {
  return store.getStore();
}

/** Adds a call's ids to the current request's context: every later log line of it carries them. */
export function bindCallToLogContext(ids: { callId?: string | null; callSid?: string | null; vapiCallId?: string | null }): void {
  const context = store.getStore();
  if (!context) return;
  if (ids.callId) context.callId = ids.callId;
  if (ids.callSid) context.callSid = ids.callSid;
  if (ids.vapiCallId) context.vapiCallId = ids.vapiCallId;
}
