-- Notifications to a clinic's staff (decision 020): one row per thing staff are told about, written
-- in the same transaction as the message, voicemail or missed transfer that causes it (unique per
-- clinic and source, so a retried webhook or job notifies once), and one per clinic and day for the
-- daily digest. The `notify.staff` job emails the members who chose that kind and texts the staff
-- destinations that opted in; `deliveries` records each email and text once claimed, so a retried
-- job never sends one twice. Quiet hours (staff notifications only) live on call_routing; a notice
-- due inside them waits in `held_until` for the `notify.sweep` job.

create table if not exists public.staff_notifications (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  kind text not null check (kind in ('message', 'voicemail', 'missed_transfer', 'digest')),
  -- '<kind>:<message id or call id>', or 'digest:<local date>'
  source_key text not null check (length(source_key) between 1 and 200),
  message_id uuid,
  call_id uuid,
  -- {"sms:+15550001111": {"status": "sending" | "sent" | "failed", "sid": "SM…", "error": 21610},
  --  "email:<user id>": {"status": "sending" | "sent" | "off"}}
  deliveries jsonb not null default '{}'::jsonb
    check (jsonb_typeof(deliveries) = 'object' and pg_column_size(deliveries) <= 65536),
  -- inside the clinic's quiet hours: sent by notify.sweep once this has passed
  held_until timestamptz,
  -- every email and text done (the digest: every member's email)
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint staff_notifications_organisation_id_id_key unique (organisation_id, id),
  constraint staff_notifications_organisation_id_source_key_key unique (organisation_id, source_key),
  constraint staff_notifications_message_fkey foreign key (organisation_id, message_id)
    references public.messages (organisation_id, id) on delete set null (message_id),
  constraint staff_notifications_call_fkey foreign key (organisation_id, call_id)
    references public.calls (organisation_id, id) on delete set null (call_id)
);
-- The digest counts a day's missed transfers.
create index if not exists staff_notifications_kind_idx on public.staff_notifications (organisation_id, kind, created_at);
create index if not exists staff_notifications_message_idx on public.staff_notifications (organisation_id, message_id);
create index if not exists staff_notifications_call_idx on public.staff_notifications (organisation_id, call_id);
-- The sweep's due notices, across clinics (like sms_messages_due_idx).
create index if not exists staff_notifications_held_idx on public.staff_notifications (held_until)
  where delivered_at is null and held_until is not null;

create trigger set_updated_at before update on public.staff_notifications
  for each row execute function public.set_updated_at();

alter table public.staff_notifications enable row level security;
revoke all on public.staff_notifications from anon, authenticated;
grant all on public.staff_notifications to service_role;
grant select on public.staff_notifications to authenticated;
create policy "Members can read their organisation's staff notifications" on public.staff_notifications
  for select to authenticated
  using (organisation_id = (select private.acting_organisation_id()));

-- Quiet hours for staff notifications, local "HH:MM" in the clinic's zone (both null: none). A
-- notification due inside them is held until they end; the daily digest is not held.
alter table public.call_routing
  add column if not exists notify_quiet_start time,
  add column if not exists notify_quiet_end time;
alter table public.call_routing add constraint call_routing_notify_quiet_hours_check
  check ((notify_quiet_start is null) = (notify_quiet_end is null)
         and (notify_quiet_start is null or notify_quiet_start <> notify_quiet_end));
