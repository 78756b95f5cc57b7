import { type SQL, sql } from "drizzle-orm";
import { type CallRoutingJson, DEFAULT_CALL_ROUTING } from "@/server/call-routing/call-routing-json";
import type { Db } from "@/server/db/access";
import type { SpokenLanguage } from "./transfer-twiml";

/** What a transfer decision needs about the live call, its clinic and the clinic's routing. */
export interface CallForTransfer {
  callId: string;
  organisationId: string;
  twilioCallSid: string | null;
  /** The clinic's number the caller dialled (the caller id staff see). */
  toNumber: string | null;
  fromNumber: string | null;
  status: string;
  endedReason: string | null;
  clinicName: string;
  timezone: string;
  language: SpokenLanguage;
  routing: CallRoutingJson;
}

/**
 * Service path. The call by our id, only when Twilio's CallSid for it is `callSid` (a signed
 * callback for one call can never act on another clinic's call); null otherwise.
 */
export function callForTransfer(tx: Db, callId: string, callSid: string): Promise<CallForTransfer | null> {
  return queryCall(tx, sql`c.id = ${callId} and c.twilio_call_sid = ${callSid}`);
}

/** Service path. The call by our id and organisation (the tool and the job know both). */
export function callOfOrganisation(tx: Db, organisationId: string, callId: string): Promise<CallForTransfer | null> {
  return queryCall(tx, sql`c.id = ${callId} and c.organisation_id = ${organisationId}`);
}

async function queryCall(tx: Db, where: SQL): Promise<CallForTransfer | null> {
  const { rows } = await tx.execute(sql`
    select c.id, c.organisation_id, c.twilio_call_sid, c.to_number, c.from_number, c.status, c.ended_reason,
           o.name as clinic_name, o.timezone, s.default_language,
           (select row_to_json(r) from public.call_routing r where r.organisation_id = c.organisation_id) as routing
    from public.calls c
    join public.organisations o on o.id = c.organisation_id
    left join public.assistant_settings s on s.organisation_id = c.organisation_id
    where ${where}`);
  const row = rows[0];
  if (!row) return null;
  return {
    callId: String(row.id),
    organisationId: String(row.organisation_id),
    twilioCallSid: (row.twilio_call_sid as string | null) ?? null,
    toNumber: (row.to_number as string | null) ?? null,
    fromNumber: (row.from_number as string | null) ?? null,
    status: String(row.status),
    endedReason: (row.ended_reason as string | null) ?? null,
    clinicName: String(row.clinic_name),
    timezone: String(row.timezone),
    language: row.default_language === "ru" ? "ru" : "en",
    routing: routingFromRow(row.routing),
  };
}

/** call_routing as row_to_json gives it (snake_case), or the defaults when the clinic has none. */
export function routingFromRow(value: unknown): CallRoutingJson {
  const row = (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown> | null;
  if (!row) return DEFAULT_CALL_ROUTING;
  return {
    staff_destinations: (typeof row.staff_destinations === "string"
      ? JSON.parse(row.staff_destinations)
      : row.staff_destinations) as CallRoutingJson["staff_destinations"],
    ring_timeout_seconds: Number(row.ring_timeout_seconds),
    ring_staff_first: Boolean(row.ring_staff_first),
    ring_staff_first_seconds: Number(row.ring_staff_first_seconds),
    no_answer: row.no_answer as CallRoutingJson["no_answer"],
    after_hours_mode: row.after_hours_mode as CallRoutingJson["after_hours_mode"],
    on_call_number: (row.on_call_number as string | null) ?? null,
    emergency_transfer: Boolean(row.emergency_transfer),
  };
}
