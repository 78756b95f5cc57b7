-- Subscriptions mirror Stripe: only the billing webhook (service path) writes them. An owner who
-- could write the row could mark their own clinic "active" without paying; owners manage billing
-- through Stripe's portal instead, and everyone in the clinic can read the status.
drop policy if exists "Owners can add their organisation's subscriptions" on public.subscriptions;
drop policy if exists "Owners can change their organisation's subscriptions" on public.subscriptions;
drop policy if exists "Owners can delete their organisation's subscriptions" on public.subscriptions;
revoke insert, update, delete on public.subscriptions from authenticated;
