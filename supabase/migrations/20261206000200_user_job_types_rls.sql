-- private.user_job_types (20261206000100) lists the job types a signed-in person may enqueue. Only
-- private.enqueue_job (owner's rights) and the job runner (the owner) read or write it, and no API
-- role holds a privilege on it. Row level security with no policy closes it to any other role too,
-- as every table here is: a grant added by mistake later still shows no row.
alter table private.user_job_types enable row level security;
