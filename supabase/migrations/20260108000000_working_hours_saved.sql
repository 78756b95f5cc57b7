-- The setup checklist needs to know whether a clinic has reviewed its working hours (sign-up
-- starts everyone on Mon–Fri 09:00–17:00). An explicit timestamp, set when the hours are saved,
-- replaces guessing from the rows' own timestamps.
alter table public.organisations add column if not exists working_hours_saved_at timestamptz;

-- Clinics that already saved their hours: a row changed after it was created.
update public.organisations o set working_hours_saved_at = now()
  where working_hours_saved_at is null
    and exists (
      select 1 from public.working_hours w where w.organisation_id = o.id and w.updated_at > w.created_at
    );
