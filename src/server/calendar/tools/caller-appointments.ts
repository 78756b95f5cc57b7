import { and, asc, eq, gt, ne, or, sql } from "drizzle-orm";
import { serviceActor } from "@/server/actor";
import { type ToolCallContext, ToolError } from "@/server/calls/tools/tool-handler";
import { transactionFor } from "@/server/db/access";
import { type Appointment, appointments, organisations, patients } from "@/server/db/schema";
import { utcToZoned } from "@/server/working-hours/zoned-time";
import { isE164 } from "@/shared/phone-number";
import { spokenDay, type ToolLanguage, toolLanguage } from "./spoken-times";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CallerScope {
  organisationId: string;
  callerNumber: string;
  timezone: string;
  language: ToolLanguage;
}

/**
 * Who may see and change appointments on this call: the number calling, never a name or number
 * the caller says (those arrive in the tool's arguments, which are not read for this). A withheld
 * number has no appointments to manage.
 */
export async function callerScope(context: ToolCallContext): Promise<CallerScope> {
  const callerNumber = context.callerNumber;
  if (!callerNumber || !isE164(callerNumber)) {
    throw new ToolError(
      "The caller's number is withheld, so their appointments cannot be looked up on this call. Offer to take a message so the team can call back.",
    );
  }
  const [row] = await transactionFor(serviceActor(context.organisationId), (tx) =>
    tx
      .select({
        timezone: organisations.timezone,
        patientLanguage: patients.preferredLanguage,
        clinicLanguage: sql<
          "en" | "ru" | "auto" | null
        >`(select s.default_language from public.assistant_settings s where s.organisation_id = ${organisations.id})`,
      })
      .from(organisations)
      .leftJoin(patients, and(eq(patients.organisationId, organisations.id), eq(patients.phoneNumber, callerNumber)))
      .where(eq(organisations.id, context.organisationId)),
  );
  if (!row) throw new ToolError("The clinic cannot be found.");
  return {
    organisationId: context.organisationId,
    callerNumber,
    timezone: row.timezone,
    language: row.patientLanguage ?? toolLanguage(row.clinicLanguage ?? "en"),
  };
}

/** The caller's own appointments: by the patient of this number, or booked for this number. */
function ownedBy(scope: CallerScope) {
  return and(
    eq(appointments.organisationId, scope.organisationId),
    or(
      eq(appointments.customerPhone, scope.callerNumber),
      sql`${appointments.patientId} in (select p.id from public.patients p where p.organisation_id = ${scope.organisationId} and p.phone_number = ${scope.callerNumber})`,
    ),
  );
}

/** The caller's live appointments from `now` on, soonest first (at most 5). */
export async function upcomingForCaller(scope: CallerScope, now: Date): Promise<Appointment[]> {
  return transactionFor(serviceActor(scope.organisationId), (tx) =>
    tx
      .select()
      .from(appointments)
      .where(and(ownedBy(scope), ne(appointments.status, "cancelled"), gt(appointments.endAt, now)))
      .orderBy(asc(appointments.startAt))
      .limit(5),
  );
}

/**
 * One of the caller's own live appointments by id. Anything else (another patient's, another
 * clinic's, cancelled, not an id) is the same answer: not found for this number.
 */
export async function callerAppointment(scope: CallerScope, rawId: unknown): Promise<Appointment> {
  const id = typeof rawId === "string" ? rawId.trim() : "";
  const notFound = new ToolError(
    scope.language === "ru"
      ? "Такой записи для номера, с которого звонят, нет. Сначала вызовите find_my_appointments."
      : "There is no such appointment for the number calling. Use find_my_appointments first.",
  );
  if (!UUID.test(id)) throw notFound;
  const [row] = await transactionFor(serviceActor(scope.organisationId), (tx) =>
    tx
      .select()
      .from(appointments)
      .where(and(ownedBy(scope), eq(appointments.id, id), ne(appointments.status, "cancelled"))),
  );
  if (!row) throw notFound;
  return row;
}

/** "Tuesday 10 March at 09:30 (Europe/London)" */
export function spokenWhen(at: Date, scope: CallerScope): string {
  return `${spokenDay(at, scope.timezone, scope.language)} ${scope.language === "ru" ? "в" : "at"} ${utcToZoned(at, scope.timezone).time} (${scope.timezone})`;
}

/** The clinic's refusal for a change inside its minimum notice. */
export function tooLateMessage(minNoticeMinutes: number, language: ToolLanguage): string {
  const hours = minNoticeMinutes >= 120 && minNoticeMinutes % 60 === 0 ? minNoticeMinutes / 60 : null;
  const notice =
    language === "ru" ? (hours ? `${hours} ч.` : `${minNoticeMinutes} мин.`) : hours ? `${hours} hours` : `${minNoticeMinutes} minutes`;
  return language === "ru"
    ? `Клиника принимает отмену и перенос не позднее чем за ${notice} до приёма; это время уже прошло. Предложите оставить сообщение для команды клиники.`
    : `The clinic needs at least ${notice}' notice to cancel or move an appointment, and this one is too close. Offer to take a message for the clinic's team.`;
}
