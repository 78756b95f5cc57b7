-- A new clinic's time zone is a guess (the browser's at sign-up, then its first phone number's
-- country) until someone on the clinic confirms or changes it; the Overview asks once.
-- Null: still a guess. Clinics that already chose a zone or saved their hours count as confirmed.
alter table public.organisations add column if not exists timezone_confirmed_at timestamptz;

update public.organisations
   set timezone_confirmed_at = coalesce(working_hours_saved_at, now())
 where timezone_confirmed_at is null
   and (timezone <> 'UTC' or working_hours_saved_at is not null);
