-- Emails already handed to the mail server, by their email.send job's id (one job per email key:
-- src/server/jobs/job-ids.ts). A job delivered again after it sent (a crash before pg-boss recorded
-- it complete, a run that outlived its expiry) finds its id here and sends nothing. Ids only: no
-- address, template data or content. Forgotten after 30 days by the nightly account.token-cleanup
-- job (longer than any email job's retries; pg-boss keeps finished jobs for less).
create table if not exists private.sent_emails (
  job_id uuid primary key,
  sent_at timestamptz not null default now()
);
create index if not exists sent_emails_sent_at_idx on private.sent_emails (sent_at);

alter table private.sent_emails enable row level security;
revoke all on private.sent_emails from public, anon, authenticated;
grant all on private.sent_emails to service_role;
