-- Every tenant table gets a unique key on (organisation_id, id), as calls, intents, phone numbers
-- and the others already have. In an organisation-sharded Postgres (Citus, distribution column
-- organisation_id) a primary or unique key must contain organisation_id; with this key in place,
-- turning `primary key (id)` into `primary key (organisation_id, id)` is a swap of constraints
-- with no foreign key to re-point (tests/db/shard-readiness.integration.test.ts, docs/scaling.md).
-- The tables are small (one row per clinic, per pending OAuth click, per invitation, per
-- exception day) except appointments, where it is one more index on a booking's insert.

alter table public.appointments
  add constraint appointments_organisation_id_id_key unique (organisation_id, id);

alter table public.oauth_states
  add constraint oauth_states_organisation_id_id_key unique (organisation_id, id);

alter table public.organisation_calendar_connections
  add constraint organisation_calendar_connections_organisation_id_id_key unique (organisation_id, id);

alter table public.organisation_invitations
  add constraint organisation_invitations_organisation_id_id_key unique (organisation_id, id);

alter table public.working_hours_exceptions
  add constraint working_hours_exceptions_organisation_id_id_key unique (organisation_id, id);
