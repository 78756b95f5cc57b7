-- Single-column indexes on organisation_id that another index on the same table already serves:
-- each is a leading prefix of a (organisation_id, id) key (and, for intents and working_hours, of
-- the list-order index too). A B-tree answers `organisation_id = $1` from any index that leads
-- with organisation_id, so these only cost writes and memory. The foreign keys on organisation_id
-- stay indexed by the longer indexes (tests/db/catalog.integration.test.ts checks both: no index
-- is a prefix of another, every foreign key has an index leading with its columns).
-- oauth_states_organisation_idx is covered by oauth_states_organisation_id_id_key, which
-- 20261205000400_tenant_keys_for_sharding.sql adds; on a fresh database this file runs first, and
-- the table is empty then.

drop index if exists public.assistants_organisation_id_idx;
drop index if exists public.intents_organisation_id_idx;
drop index if exists public.oauth_states_organisation_idx;
drop index if exists public.phone_numbers_organisation_id_idx;
drop index if exists public.subscriptions_organisation_id_idx;
drop index if exists public.working_hours_organisation_id_idx;
