-- Redaction (issue 19): a clinic may have card numbers, national ids, email addresses and dates of
-- birth removed from what calls store (transcript, messages, summary, structured data, messages
-- taken by the assistant) before it is written. Off by default; owners and admins change it through
-- the assistant settings (same row, same RLS and grants as the rest of assistant_settings).
alter table public.assistant_settings
  add column if not exists redact_personal_data boolean not null default false;

-- What was redacted on each call: counts per kind ({"card": 1, "email": 2}), never the values.
-- Null: the call was stored without redaction. Written by the webhook (service path) like the rest of
-- the call; readable by members of the clinic through the existing calls policies.
alter table public.calls add column if not exists redactions jsonb;
alter table public.calls drop constraint if exists calls_redactions_is_object;
alter table public.calls add constraint calls_redactions_is_object
  check (redactions is null or jsonb_typeof(redactions) = 'object');
