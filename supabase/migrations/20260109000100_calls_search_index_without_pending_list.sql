-- The call search index (calls_search_trgm_idx, GIN over caller number and transcript) was
-- created with GIN's default fast update: each new entry goes to a pending list, and the insert
-- that finds the list over gin_pending_list_limit (4 MB) merges all of it into the index while
-- the other inserts wait. Inserting a call is the Twilio webhook's work, so every ~17,000 calls
-- one webhook stalled for a few hundred milliseconds and the callers behind it queued (measured
-- on the bench's 1,000,000 calls: one insert of 40,000 took 280 ms; with fast update off the
-- slowest took 32 ms, the median unchanged at 0.5 ms). Without the pending list each insert or
-- transcript update adds its own entries, and searches have no pending list to scan.
alter index public.calls_search_trgm_idx set (fastupdate = off);
-- Entries already pending stay pending until merged; merge them now.
select gin_clean_pending_list('public.calls_search_trgm_idx'::regclass);
