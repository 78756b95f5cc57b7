import { type Actor, asUser } from "@/server/db/access";
import { DomainError } from "@/server/errors";
import { assistantForContext } from "./assistant-for-context";
import { loadOrganisationCallContext } from "./load-call-context";

const HIDDEN = "(hidden: set on the server)";

/**
 * GET /api/assistant-preview: the transient assistant the organisation's next call would get,
 * read as the signed-in member (RLS), with the webhook secret hidden. When the clinic is not
 * ready for calls it says what is missing instead.
 */
export async function previewAssistant(actor: Actor, now = new Date()) {
  const { organisationId } = actor;
  const context = await asUser(actor, (tx) => loadOrganisationCallContext(tx, organisationId));
  if (!context) throw new DomainError("not_found", "This clinic no longer exists.");
  const built = assistantForContext(context, "(assigned when the call arrives)", now);
  if (!built.ok) {
    return { ready: false as const, missing: built.reason, message: `Calls cannot be answered yet: ${built.message}`, assistant: null };
  }
  const assistant = {
    ...built.assistant,
    server: { ...built.assistant.server, headers: { "x-vapi-secret": HIDDEN } },
  };
  return {
    ready: true as const,
    missing: null,
    message: context.phoneNumberId ? null : "Add a phone number so callers can reach this assistant.",
    generated_at: now.toISOString(),
    assistant,
  };
}
