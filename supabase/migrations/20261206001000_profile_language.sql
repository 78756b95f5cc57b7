-- The language a person reads the dashboard in (issue 14): 'en' or 'ru', chosen on their
-- account; null until they choose, when the browser's language is used. Emails to the person
-- use it too. profiles is one row per person (a reference table, not a clinic's).
alter table public.profiles add column if not exists language text;
alter table public.profiles drop constraint if exists profiles_language_check;
alter table public.profiles add constraint profiles_language_check check (language in ('en', 'ru'));
