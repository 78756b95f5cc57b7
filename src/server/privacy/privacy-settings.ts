import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/server/audit/record-audit";
import { defaultRecordingNotice } from "@/server/calls/build-transient-assistant";
import { type Actor, asUser } from "@/server/db/access";
import { assistantSettings, organisations } from "@/server/db/schema";

const CONSENT_MAX = 500;

export interface PrivacySettingsJson {
  recording_consent: {
    enabled: boolean;
    /** The sentence in English and in Russian, as the caller hears it (ours when the clinic wrote none). */
    text_en: string;
    text_ru: string;
    /** "vapi": Vapi's recording-consent plan (Enterprise); "first_message": it opens the greeting. */
    delivery: "vapi" | "first_message";
  };
  /** "hipaa": Vapi's HIPAA mode; recordings then stay in the clinic's own storage. */
  compliance_mode: "standard" | "hipaa";
  /** A pending erasure of the whole organisation, or null. */
  erasure: { requested_at: string; due_at: string } | null;
}

const Sentence = (language: string) =>
  z
    .string({ message: "must be text" })
    .trim()
    .max(CONSENT_MAX, { message: `Keep the ${language} sentence under ${CONSENT_MAX} characters.` })
    .refine((value) => !value.includes("\u0000"), { message: "must not contain NUL characters" });

/** PUT /api/privacy/settings: the whole consent and compliance choice. */
export const PrivacySettingsInput = z
  .object({
    recording_consent: z.object(
      {
        enabled: z.boolean({ message: "must be true or false" }),
        text_en: Sentence("English"),
        text_ru: Sentence("Russian"),
        delivery: z.enum(["vapi", "first_message"], { message: "must be vapi or first_message" }),
      },
      { message: "Send the recording consent as {enabled, text_en, text_ru, delivery}." },
    ),
    compliance_mode: z.enum(["standard", "hipaa"], { message: "must be standard or hipaa" }),
  })
  .superRefine((value, ctx) => {
    if (!value.recording_consent.enabled) return;
    if (!value.recording_consent.text_en) {
      ctx.addIssue({ code: "custom", path: ["recording_consent", "text_en"], message: "Write the sentence callers hear in English." });
    }
    if (!value.recording_consent.text_ru) {
      ctx.addIssue({ code: "custom", path: ["recording_consent", "text_ru"], message: "Write the sentence callers hear in Russian." });
    }
  });
export type PrivacySettingsInput = z.output<typeof PrivacySettingsInput>;

const CYRILLIC = /[\u0400-\u04FF]/;

/** GET /api/privacy/settings (owners). A clinic that never saved its settings gets the defaults. */
export async function getPrivacySettings(actor: Actor): Promise<PrivacySettingsJson> {
  return asUser(actor, async (tx) => {
    const [settings] = await tx
      .select({
        enabled: assistantSettings.recordingDisclosureEnabled,
        english: assistantSettings.recordingDisclosureText,
        russian: assistantSettings.recordingConsentTextRu,
        delivery: assistantSettings.consentDelivery,
        compliance: assistantSettings.complianceMode,
      })
      .from(assistantSettings)
      .where(eq(assistantSettings.organisationId, actor.organisationId));
    const [organisation] = await tx
      .select({ requestedAt: organisations.erasureRequestedAt, dueAt: organisations.erasureDueAt })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId));
    const english = settings?.english?.trim() ?? "";
    return {
      recording_consent: {
        enabled: settings?.enabled ?? true,
        text_en: english && !CYRILLIC.test(english) ? english : defaultRecordingNotice.en,
        text_ru: settings?.russian?.trim() || (CYRILLIC.test(english) ? english : defaultRecordingNotice.ru),
        delivery: settings?.delivery ?? "vapi",
      },
      compliance_mode: settings?.compliance ?? "standard",
      erasure:
        organisation?.requestedAt && organisation.dueAt
          ? { requested_at: organisation.requestedAt.toISOString(), due_at: organisation.dueAt.toISOString() }
          : null,
    };
  });
}

/**
 * PUT /api/privacy/settings (owners; the route checks the role, the database admits admins to
 * assistant_settings). Creates the clinic's settings row when it has none yet.
 */
export async function updatePrivacySettings(actor: Actor, input: PrivacySettingsInput): Promise<PrivacySettingsJson> {
  const consent = input.recording_consent;
  const values = {
    recordingDisclosureEnabled: consent.enabled,
    recordingDisclosureText: consent.text_en || defaultRecordingNotice.en,
    recordingConsentTextRu: consent.text_ru || null,
    consentDelivery: consent.delivery,
    complianceMode: input.compliance_mode,
  };
  const before = await getPrivacySettings(actor);
  await asUser(actor, async (tx) => {
    await tx
      .insert(assistantSettings)
      .values({ organisationId: actor.organisationId, userId: actor.userId, ...values })
      .onConflictDoUpdate({ target: assistantSettings.organisationId, set: values });
    const consentBefore = before.recording_consent;
    if (JSON.stringify(consentBefore) !== JSON.stringify(consent)) {
      await recordAudit(tx, {
        action: "consent.changed",
        objectType: "assistant_settings",
        details: { before: consentBefore, after: consent },
      });
    }
    if (before.compliance_mode !== input.compliance_mode) {
      await recordAudit(tx, {
        action: "compliance.changed",
        objectType: "assistant_settings",
        details: { before: before.compliance_mode, after: input.compliance_mode },
      });
    }
  });
  return getPrivacySettings(actor);
}
