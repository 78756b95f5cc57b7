import { type SQL, sql } from "drizzle-orm";
import type { CurrentSubscription } from "@/server/billing/billing-access";
import { currentSubscriptionOrder } from "@/server/billing/current-subscription";
import type { CallRoutingJson } from "@/server/call-routing/call-routing-json";
import type { Db } from "@/server/db/access";
import type { IntentAction } from "@/server/db/schema";
import { routingFromRow } from "@/server/transfers/call-for-transfer";
import type { OpeningHours } from "@/server/working-hours/opening-hours";

export interface CallIntent {
  name: string;
  example_phrases: string[];
  response_en: string | null;
  response_ru: string | null;
  action: IntentAction;
}

export interface CallSettings {
  greeting_en: string | null;
  greeting_ru: string | null;
  default_language: "en" | "ru" | "auto";
  after_hours_behaviour: "take_message" | "inform_and_end";
  recording_disclosure_enabled: boolean;
  recording_disclosure_text: string;
  /** The consent sentence in Russian; null: ours (decision 022). */
  recording_consent_text_ru?: string | null;
  /** "vapi": Vapi's recordingConsentPlan speaks it; "first_message": it opens the greeting. */
  consent_delivery?: "vapi" | "first_message";
  /** "hipaa": Vapi's compliancePlan.hipaaEnabled (the clinic's Vapi plan allows it). */
  compliance_mode?: "standard" | "hipaa";
  max_call_minutes: number;
  emergency_message: string;
}

/** Everything an incoming call needs about the clinic whose number was dialled. */
export interface CallContext {
  /** Empty only when loaded by organisation (the preview) and it has no active number yet. */
  phoneNumberId: string;
  vapiPhoneNumberId: string | null;
  organisation: { id: string; name: string; selectedVoiceAgentId: string | null };
  intents: CallIntent[];
  settings: CallSettings | null;
  hours: OpeningHours;
  subscriptionStatus: string | null;
  /** The clinic's current subscription (see currentSubscriptionOrder), for decideBillingAccess. */
  subscription: CurrentSubscription | null;
  organisationCreatedAt: Date;
  calendarConnected: boolean;
  /** Where calls go besides the assistant (call_routing, or its defaults). */
  routing: CallRoutingJson;
  /** An owner asked for the organisation's erasure (decision 022): calls are refused meanwhile. */
  erasurePending: boolean;
}

/**
 * Service path, one round trip: the active number's organisation, voice agent, active intents
 * (in prompt order), assistant settings, working hours (exceptions for the next two weeks),
 * subscription status and whether a calendar is connected. Null for an unknown or inactive number.
 */
export function loadCallContext(tx: Db, dialledNumber: string): Promise<CallContext | null> {
  return queryCallContext(
    tx,
    sql`from public.phone_numbers p
        join public.organisations o on o.id = p.organisation_id
        where p.phone_number = ${dialledNumber} and p.is_active`,
  );
}

/** The same context for an organisation, with its oldest active number (the assistant preview). */
export function loadOrganisationCallContext(tx: Db, organisationId: string): Promise<CallContext | null> {
  return queryCallContext(
    tx,
    sql`from public.organisations o
        left join lateral (
          select id, vapi_phone_number_id from public.phone_numbers
          where organisation_id = o.id and is_active order by created_at, id limit 1
        ) p on true
        where o.id = ${organisationId}`,
  );
}

async function queryCallContext(tx: Db, from: SQL): Promise<CallContext | null> {
  const { rows } = await tx.execute(sql`
    select
      p.id as phone_number_id,
      p.vapi_phone_number_id,
      o.id as organisation_id,
      o.name as organisation_name,
      o.timezone,
      o.selected_voice_agent_id,
      coalesce((
        select json_agg(json_build_object(
          'name', i.name, 'example_phrases', i.example_phrases, 'response_en', i.response_en,
          'response_ru', i.response_ru, 'action', i.action) order by i.position, i.created_at)
        from public.intents i where i.organisation_id = o.id and i.is_active
      ), '[]'::json) as intents,
      (
        select row_to_json(s) from (
          select greeting_en, greeting_ru, default_language, after_hours_behaviour,
                 recording_disclosure_enabled, recording_disclosure_text, recording_consent_text_ru,
                 consent_delivery, compliance_mode, max_call_minutes, emergency_message
          from public.assistant_settings where organisation_id = o.id
        ) s
      ) as settings,
      coalesce((
        select json_agg(json_build_object('day_of_week', d.day_of_week, 'ranges', d.ranges) order by d.day_of_week)
        from (
          select w.day_of_week, json_agg(json_build_object(
                   'opens_at', to_char(w.opens_at, 'HH24:MI'),
                   'closes_at', case when w.closes_at = '24:00' then '24:00' else to_char(w.closes_at, 'HH24:MI') end
                 ) order by w.opens_at) as ranges
          from public.working_hours w where w.organisation_id = o.id
          group by w.day_of_week
        ) d
      ), '[]'::json) as days,
      coalesce((
        select json_agg(json_build_object('date', e.date, 'closed', e.closed, 'ranges', e.ranges, 'label', e.label) order by e.date)
        from public.working_hours_exceptions e
        where e.organisation_id = o.id and e.date between current_date - 2 and current_date + 15
      ), '[]'::json) as exceptions,
      o.created_at as organisation_created_at,
      o.erasure_due_at is not null as erasure_pending,
      (select row_to_json(x) from (
        select s.status, s.trial_end, s.past_due_since, s.cancel_at_period_end, s.current_period_end
        from public.subscriptions s where s.organisation_id = o.id
        order by ${currentSubscriptionOrder} limit 1) x) as subscription,
      exists (select 1 from public.organisation_calendar_connections c
              where c.organisation_id = o.id and c.status = 'connected') as calendar_connected,
      (select row_to_json(r) from public.call_routing r where r.organisation_id = o.id) as routing
    ${from}`);
  const row = rows[0];
  if (!row) return null;
  const json = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;
  const subscription = json<Record<string, unknown> | null>(row.subscription);
  const date = (value: unknown) => (value ? new Date(value as string) : null);
  return {
    phoneNumberId: row.phone_number_id ? String(row.phone_number_id) : "",
    vapiPhoneNumberId: (row.vapi_phone_number_id as string | null) ?? null,
    organisation: {
      id: String(row.organisation_id),
      name: String(row.organisation_name),
      selectedVoiceAgentId: (row.selected_voice_agent_id as string | null) ?? null,
    },
    intents: json<CallIntent[]>(row.intents),
    settings: json<CallSettings | null>(row.settings),
    hours: {
      timezone: String(row.timezone),
      days: json<OpeningHours["days"]>(row.days),
      exceptions: json<OpeningHours["exceptions"]>(row.exceptions),
    },
    subscriptionStatus: subscription ? String(subscription.status) : null,
    subscription: subscription
      ? {
          status: String(subscription.status),
          trialEnd: date(subscription.trial_end),
          pastDueSince: date(subscription.past_due_since),
          cancelAtPeriodEnd: Boolean(subscription.cancel_at_period_end),
          currentPeriodEnd: date(subscription.current_period_end),
        }
      : null,
    organisationCreatedAt: new Date(row.organisation_created_at as string),
    calendarConnected: Boolean(row.calendar_connected),
    routing: routingFromRow(row.routing),
    erasurePending: Boolean(row.erasure_pending),
  };
}
