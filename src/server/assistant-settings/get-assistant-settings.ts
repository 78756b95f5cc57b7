import { eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { assistantSettings } from "@/server/db/schema";
import { type AssistantSettingsJson, toAssistantSettingsJson } from "./assistant-settings-json";

/** The clinic's settings; a clinic without a row yet (never saved) gets the database defaults. */
export async function getAssistantSettings(actor: Actor): Promise<AssistantSettingsJson> {
  const { organisationId } = actor;
  const [row] = await asUser(actor, (tx) =>
    tx.select().from(assistantSettings).where(eq(assistantSettings.organisationId, organisationId)),
  );
  if (row) return toAssistantSettingsJson(row);
  return {
    greeting_en: null,
    greeting_ru: null,
    default_language: "auto",
    after_hours_behaviour: "take_message",
    recording_disclosure: { enabled: true, text: "This call may be recorded to help us look after you." },
    max_call_minutes: 10,
    emergency_message: "If this is a medical emergency, please hang up and call your local emergency number now.",
    redact_personal_data: false,
    updated_at: null,
  };
}
