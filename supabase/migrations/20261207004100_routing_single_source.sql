-- Where calls go has one home: call_routing (decision 019). Until now assistant_settings also
-- held a transfer number and an after-hours "transfer" behaviour, which the live transfer would
-- have had to reconcile with the ring group. Each clinic's transfer number becomes its ring
-- group ("Clinic line") when it has none yet, and "transfer after hours" becomes forwarding to
-- that number; then the old fields are emptied and kept empty. The assistant's after-hours
-- behaviour keeps what the assistant itself does when it answers after hours.

insert into public.call_routing (organisation_id, staff_destinations, after_hours_mode, on_call_number)
select s.organisation_id,
       jsonb_build_array(jsonb_build_object('name', 'Clinic line', 'number', s.transfer_number, 'sms', false)),
       case when s.after_hours_behaviour = 'transfer' then 'forward' else 'assistant' end,
       case when s.after_hours_behaviour = 'transfer' then s.transfer_number end
from public.assistant_settings s
where s.transfer_number ~ '^\+[1-9][0-9]{6,14}$'
on conflict (organisation_id) do update set
  staff_destinations = case
    when jsonb_array_length(public.call_routing.staff_destinations) = 0 then excluded.staff_destinations
    else public.call_routing.staff_destinations end,
  on_call_number = coalesce(public.call_routing.on_call_number, excluded.on_call_number),
  after_hours_mode = case
    when public.call_routing.after_hours_mode = 'assistant' and excluded.after_hours_mode = 'forward' then 'forward'
    else public.call_routing.after_hours_mode end;

update public.assistant_settings set after_hours_behaviour = 'take_message' where after_hours_behaviour = 'transfer';
update public.assistant_settings set transfer_number = null where transfer_number is not null;

alter table public.assistant_settings drop constraint if exists assistant_settings_after_hours_behaviour_check;
alter table public.assistant_settings add constraint assistant_settings_after_hours_behaviour_check
  check (after_hours_behaviour in ('take_message', 'inform_and_end'));
-- Kept (the seed's schema has it) but always empty: staff numbers live in call_routing.
alter table public.assistant_settings add constraint assistant_settings_transfer_number_moved
  check (transfer_number is null);
comment on column public.assistant_settings.transfer_number is
  'Unused since 20261207004100: staff numbers and forwarding are in public.call_routing.';
