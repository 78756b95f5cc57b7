-- Providers' copies in the audit log (decisions 021 and 023): each deletion asked of a provider is
-- an event of the organisation it belongs to, like every other privacy step. Ids only: the
-- request's id as the object, and in the details the provider, the resource and its provider id,
-- our call's id and why (no number, name or words: the requests hold none).
--   provider_deletion.requested  written here, by the trigger that writes the request, in the
--                                transaction that removed our copy (as whoever removed it: the
--                                admin who erased a patient; nobody for retention or erasure jobs)
--   provider_deletion.confirmed  the provider deleted its copy (or had none left)
--   provider_deletion.failed     the provider refused or did not answer; retried with backoff
-- The job writes the last two (src/server/privacy/provider-deletions.ts). An organisation already
-- erased has no log to write to: its requests are carried out without events.
alter table public.audit_events drop constraint if exists audit_events_action_check;
alter table public.audit_events add constraint audit_events_action_check check (action in (
  'settings.clinic_changed', 'settings.assistant_changed', 'settings.routing_changed',
  'settings.messaging_changed', 'settings.booking_changed', 'settings.two_factor_changed',
  'intent.created', 'intent.updated', 'intent.deleted',
  'phone_number.added', 'phone_number.updated', 'phone_number.removed',
  'hours.changed',
  'member.removed', 'member.left', 'member.role_changed',
  'invitation.created', 'invitation.resent', 'invitation.revoked', 'invitation.accepted',
  'billing.checkout_started', 'billing.portal_opened', 'billing.synced',
  'calendar.connected', 'calendar.disconnected',
  'retention.changed', 'redaction.changed', 'consent.changed', 'compliance.changed',
  'patient.updated', 'patient.erased',
  'call.transcript_viewed', 'call.recording_played', 'call.recording_downloaded',
  'calls.exported', 'audit.exported',
  'data_export.requested', 'data_export.downloaded',
  'organisation.erasure_requested', 'organisation.erasure_cancelled',
  'provider_deletion.requested', 'provider_deletion.confirmed', 'provider_deletion.failed'
));

-- As before (20261208001000), and a request that is new is also an audit event of its
-- organisation, while the organisation exists (an erasure's last cascade comes after it is gone).
create or replace function private.request_provider_deletion(
  p_provider text, p_resource text, p_resource_id text, p_organisation_id uuid, p_call_id uuid)
returns void
language sql volatile security definer
set search_path = ''
as $$
  with requested as (
    insert into private.provider_deletions (provider, resource, resource_id, organisation_id, call_id, reason)
    select p_provider, p_resource, p_resource_id, p_organisation_id, p_call_id, private.deletion_reason()
    where p_resource_id is not null
    on conflict on constraint provider_deletions_once do nothing
    returning id, provider, resource, resource_id, organisation_id, call_id, reason
  )
  insert into public.audit_events (organisation_id, action, object_type, object_id, details)
  select r.organisation_id, 'provider_deletion.requested', 'provider_deletion', r.id::text,
         pg_catalog.jsonb_build_object('provider', r.provider, 'resource', r.resource, 'resource_id', r.resource_id,
                                       'call_id', r.call_id, 'reason', r.reason)
  from requested r
  where exists (select 1 from public.organisations o where o.id = r.organisation_id)
$$;
revoke execute on function private.request_provider_deletion(text, text, text, uuid, uuid) from public, anon, authenticated;
grant execute on function private.request_provider_deletion(text, text, text, uuid, uuid) to service_role;
