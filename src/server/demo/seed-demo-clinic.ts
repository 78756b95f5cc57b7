import { eq } from "drizzle-orm";
import { hashPassword } from "@/server/auth/passwords";
import type { Db } from "@/server/db/access";
import {
  accountSecurity,
  assistantSettings,
  callRouting,
  type IntentAction,
  intents,
  organisations,
  phoneNumbers,
  profiles,
  users,
  workingHours,
} from "@/server/db/schema";
import { createOrganisationWithOwner } from "@/server/organisations/create-organisation";
import { DEMO_ACCOUNT } from "./demo-credentials";

const demoIntents: { name: string; phrases: string[]; en: string; ru: string; action: IntentAction }[] = [
  {
    name: "Opening hours",
    phrases: ["when are you open", "what are your opening hours", "во сколько вы работаете", "часы работы"],
    en: "We are open Monday to Friday from nine to six, and Saturday from ten to two.",
    ru: "Мы работаем с понедельника по пятницу с девяти до шести, в субботу с десяти до двух.",
    action: "answer",
  },
  {
    name: "Book an appointment",
    phrases: ["book an appointment", "can I book a cleaning", "I need to see a dentist", "записаться на приём", "записаться на чистку"],
    en: "Of course. Let me check when we can see you.",
    ru: "Конечно. Давайте посмотрим, когда мы можем вас принять.",
    action: "book_appointment",
  },
  {
    name: "Check-up price",
    phrases: ["how much is a check-up", "price of a cleaning", "сколько стоит осмотр", "цена чистки"],
    en: "A check-up is 60 pounds and a hygienist cleaning is 75 pounds.",
    ru: "Осмотр стоит 60 фунтов, профессиональная чистка — 75 фунтов.",
    action: "answer",
  },
  {
    name: "Speak to a person",
    phrases: ["can I speak to someone", "talk to a receptionist", "соедините с администратором"],
    en: "Let me put you through to the front desk.",
    ru: "Сейчас соединю вас с администратором.",
    action: "transfer_to_human",
  },
  {
    name: "Cancel or move an appointment",
    phrases: ["cancel my appointment", "reschedule my appointment", "отменить запись", "перенести запись"],
    en: "I'll pass that to the team and they will call you back to confirm.",
    ru: "Я передам это администратору, и вам перезвонят для подтверждения.",
    action: "take_message",
  },
];

/**
 * Demo mode: a clinic with a number, intents in both languages, hours and a voice, owned by the
 * demo account. Idempotent: does nothing when the demo account exists.
 */
export async function seedDemoClinic(tx: Db): Promise<"created" | "exists"> {
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNT.email));
  if (existing) return "exists";
  const [user] = await tx
    .insert(users)
    .values({ email: DEMO_ACCOUNT.email, encryptedPassword: await hashPassword(DEMO_ACCOUNT.password) })
    .returning({ id: users.id });
  await tx.insert(profiles).values({ id: user!.id, clinicName: DEMO_ACCOUNT.clinicName });
  // The demo account's address counts as confirmed: it can invite and connect a calendar at once.
  await tx.insert(accountSecurity).values({ userId: user!.id, emailVerifiedAt: new Date() }).onConflictDoNothing();
  const org = await createOrganisationWithOwner(tx, user!.id, DEMO_ACCOUNT.clinicName);
  await tx
    .update(organisations)
    .set({
      timezone: "Europe/London",
      timezoneConfirmedAt: new Date(),
      selectedVoiceAgentId: "anna-en-ru",
      workingHoursSavedAt: new Date(),
    })
    .where(eq(organisations.id, org.id));
  await tx
    .update(assistantSettings)
    .set({
      greetingEn: "Hello, you've reached Harbour Dental. How can I help you today?",
      greetingRu: "Здравствуйте, это стоматология Harbour Dental. Чем могу помочь?",
    })
    .where(eq(assistantSettings.organisationId, org.id));
  // The front desk and the practice manager ring together when a caller asks for a person
  // (`npm run simulate:call -- --staff answer|decline|no-answer` plays their phones). After hours
  // the assistant answers; the on-call number is there for a manager who switches the after-hours
  // mode to forward (`--after-hours` then rings it).
  await tx.insert(callRouting).values({
    organisationId: org.id,
    staffDestinations: [
      { name: "Front desk", number: "+15551239999", sms: false },
      { name: "Practice manager", number: "+15551239998", sms: false },
    ],
    noAnswer: "voicemail",
    afterHoursMode: "assistant",
    onCallNumber: "+15551239997",
  });
  await tx.delete(workingHours).where(eq(workingHours.organisationId, org.id));
  await tx
    .insert(workingHours)
    .values([
      ...[1, 2, 3, 4, 5].map((day) => ({ organisationId: org.id, dayOfWeek: day, opensAt: "09:00", closesAt: "18:00" })),
      { organisationId: org.id, dayOfWeek: 6, opensAt: "10:00", closesAt: "14:00" },
    ]);
  await tx.insert(phoneNumbers).values({ organisationId: org.id, phoneNumber: DEMO_ACCOUNT.phoneNumber, label: "Main line (demo)" });
  await tx.insert(intents).values(
    demoIntents.map((intent, position) => ({
      organisationId: org.id,
      name: intent.name,
      examplePhrases: intent.phrases,
      responseEn: intent.en,
      responseRu: intent.ru,
      action: intent.action,
      position,
    })),
  );
  return "created";
}
