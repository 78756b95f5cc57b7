import { type SQL, sql } from "drizzle-orm";

export interface AppointmentTextsParams {
  organisationId: string;
  from: Date;
  to: Date;
  now: Date;
}

/**
 * What texts did for the clinic's appointments, in one statement (issue 18's analytics): over the
 * appointments starting in [from, to) and the reminders due in it.
 *
 * - confirmation rate: appointments a text reached Twilio for (confirmation, change or reminder)
 *   that the patient confirmed by replying 1;
 * - reminder delivery rate: reminders handed to Twilio that were delivered (undelivered and
 *   failed ones count against it; those still on their way count in neither);
 * - cancellations by where they came from (text, phone, dashboard);
 * - no-shows among appointments that have begun and were not cancelled, before and after the
 *   clinic first turned texts on (organisations.sms_enabled_at).
 */
export function appointmentTextsQuery(p: AppointmentTextsParams): SQL {
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const now = p.now.toISOString();
  return sql`with o as (
      select o.sms_enabled_at from public.organisations o where o.id = ${p.organisationId}
    ), appts as materialized (
      select a.status, a.changed_via, a.start_at, a.no_show_at, a.patient_confirmed_at,
             exists (select 1 from public.sms_messages m
                     where m.organisation_id = a.organisation_id and m.appointment_id = a.id
                       and m.direction = 'outbound' and m.kind in ('confirmation', 'change', 'reminder')
                       and m.twilio_sid is not null) as texted
      from public.appointments a
      where a.organisation_id = ${p.organisationId}
        and a.start_at >= ${from}::timestamptz and a.start_at < ${to}::timestamptz
    ), reminders as (
      select m.status from public.sms_messages m
      where m.organisation_id = ${p.organisationId} and m.direction = 'outbound' and m.kind = 'reminder'
        and m.twilio_sid is not null and m.send_at >= ${from}::timestamptz and m.send_at < ${to}::timestamptz
    ), past as (
      select appts.no_show_at is not null as no_show,
             (select o.sms_enabled_at from o) is not null and appts.start_at >= (select o.sms_enabled_at from o) as after
      from appts where appts.status <> 'cancelled' and appts.start_at < ${now}::timestamptz
    )
    select json_build_object(
      'sms_enabled_at', (select o.sms_enabled_at from o),
      'appointments', (select count(*) from appts),
      'texted', (select count(*) from appts where texted),
      'confirmed', (select count(*) from appts where texted and patient_confirmed_at is not null),
      'reminders_sent', (select count(*) from reminders),
      'reminders_delivered', (select count(*) from reminders where status = 'delivered'),
      'reminders_failed', (select count(*) from reminders where status in ('failed', 'undelivered')),
      'cancelled_by_sms', (select count(*) from appts where status = 'cancelled' and changed_via = 'sms'),
      'cancelled_by_phone', (select count(*) from appts where status = 'cancelled' and changed_via = 'phone'),
      'cancelled_by_dashboard', (select count(*) from appts where status = 'cancelled' and coalesce(changed_via, 'dashboard') = 'dashboard'),
      'before_appointments', (select count(*) from past where not after),
      'before_no_shows', (select count(*) from past where not after and no_show),
      'after_appointments', (select count(*) from past where after),
      'after_no_shows', (select count(*) from past where after and no_show)
    ) as texts`;
}
