-- The clinic's inbox: messages callers leave (the assistant's take_message tool, a callback
-- offered after an unanswered transfer, a voicemail, an SMS reply). Written by the service path
-- (webhooks, tools, jobs) only; members read them and move them along new → in_progress → done,
-- optionally assigning one to a member. See docs/decisions/017-reaching-a-person.md.
create table if not exists public.messages (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  call_id uuid,
  kind text not null check (kind in ('message', 'callback', 'voicemail', 'sms')),
  caller_number text check (length(caller_number) <= 40),
  caller_name text check (length(caller_name) <= 200),
  reason text check (length(reason) <= 2000),
  summary text check (length(summary) <= 20000),
  urgency text not null default 'normal' check (urgency in ('normal', 'urgent')),
  recording_url text check (length(recording_url) <= 2048),
  recording_seconds integer check (recording_seconds between 0 and 86400),
  transcription text check (length(transcription) <= 20000),
  status text not null default 'new' check (status in ('new', 'in_progress', 'done')),
  status_changed_at timestamptz,
  -- the member who last changed the status (no foreign key: the record outlives the account)
  status_changed_by uuid,
  assigned_to uuid,
  -- what created it, once: 'tool:<vapi tool call id>', 'voicemail:<RecordingSid>', 'transfer:<id>'
  source_key text not null check (length(source_key) between 1 and 300),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint messages_organisation_id_id_key unique (organisation_id, id),
  constraint messages_organisation_id_source_key_key unique (organisation_id, source_key),
  constraint messages_call_fkey foreign key (organisation_id, call_id)
    references public.calls (organisation_id, id) on delete set null (call_id),
  -- an assignee is a member of the clinic; leaving it unassigns
  constraint messages_assignee_fkey foreign key (organisation_id, assigned_to)
    references public.organisation_members (organisation_id, user_id) on delete set null (assigned_to)
);

-- Newest first, with and without a status filter (and the unread count: status = 'new').
create index if not exists messages_list_idx on public.messages (organisation_id, created_at desc, id desc);
create index if not exists messages_status_idx on public.messages (organisation_id, status, created_at desc, id desc);
create index if not exists messages_call_idx on public.messages (organisation_id, call_id);
create index if not exists messages_assignee_idx on public.messages (organisation_id, assigned_to);

create trigger set_updated_at before update on public.messages
  for each row execute function public.set_updated_at();

alter table public.messages enable row level security;
revoke all on public.messages from anon, authenticated;
grant all on public.messages to service_role;
grant select on public.messages to authenticated;
-- Members change where a message stands and who has it, nothing the caller left.
grant update (status, status_changed_at, status_changed_by, assigned_to) on public.messages to authenticated;

create policy "Members can read their organisation's messages" on public.messages
  for select to authenticated
  using (organisation_id = (select private.acting_organisation_id()));
create policy "Members can update their organisation's messages" on public.messages
  for update to authenticated
  using (organisation_id = (select private.acting_organisation_id()))
  with check (organisation_id = (select private.acting_organisation_id()));
