import "server-only";
import { getConfig } from "@/server/config";
import { DomainError } from "@/server/errors";

/** One caught email as the Demo inbox page shows it (src/providers/email/emulator, CaughtEmail). */
export interface DemoInboxEmail {
  id: string;
  received_at: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  language: string | null;
}

const INBOX_TIMEOUT_MS = 5_000;

/**
 * Demo mode's inbox: the emails this installation sent, as the demo's mail catcher caught them.
 * The catcher runs next to the emulators in scripts/start.ts; the app asks the demo control
 * endpoint (DEMO_CONTROL_URL, GET /emails), so nothing of the catcher is in the app's bundle.
 * Outside demo mode there is no inbox (404). Every signed-in person of a demo installation sees
 * every email it sent: demo mode listens on loopback and holds only demo accounts.
 */
export async function listDemoInbox(): Promise<{ emails: DemoInboxEmail[] }> {
  const config = getConfig();
  if (!config.demo || !config.demoControl) throw new DomainError("not_found", "The Demo inbox exists in demo mode only.");
  const response = await fetch(`${config.demoControl.url}/emails`, {
    headers: { authorization: `Bearer ${config.demoControl.token}` },
    signal: AbortSignal.timeout(INBOX_TIMEOUT_MS),
  });
  if (!response.ok) throw new DomainError("provider_unavailable", `The demo mail catcher did not answer (HTTP ${response.status}).`);
  const body = (await response.json()) as {
    emails: {
      id: string;
      receivedAt: string;
      from: string;
      to: string[];
      subject: string;
      text: string;
      html: string;
      language: string | null;
    }[];
  };
  return {
    emails: body.emails.map((e) => ({
      id: e.id,
      received_at: e.receivedAt,
      from: e.from,
      to: e.to,
      subject: e.subject,
      text: e.text,
      html: e.html,
      language: e.language,
    })),
  };
}
