import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as statsRoute from "@/app/api/dashboard-stats/route";
import * as subscriptionRoute from "@/app/api/subscription-status/route";
import { getDashboardStats } from "@/server/analytics/get-dashboard-stats";
import { organisations } from "@/server/db/schema";
import { seedCalls } from "../call-logs/seed-calls";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

const test = useTestApp();
const factories = () => createFactories(test.db().db);

describe("dashboard stats", () => {
  it("counts today and the last 7 days in the clinic's calendar, with rates, setup and recent calls", async () => {
    const { userId, organisationId } = await signUpOwner();
    const org = { id: organisationId };
    await test.db().db.update(organisations).set({ timezone: "America/New_York" }).where(eq(organisations.id, organisationId));
    // Now: 08:00 EDT on Sunday 8 March 2026, the morning clocks went forward.
    const now = new Date("2026-03-08T12:00:00Z");
    const seeded = await seedCalls(
      test.db().db,
      organisationId,
      7,
      (i) =>
        [
          { createdAt: new Date("2026-03-02T04:59:00Z") }, // 23:59 on 1 March: before the 7 days
          { createdAt: new Date("2026-03-02T05:00:00Z"), durationSeconds: 200 }, // 00:00 on 2 March: first instant
          { createdAt: new Date("2026-03-05T15:00:00Z"), endedReason: "assistant-forwarded-call", durationSeconds: 60 },
          { createdAt: new Date("2026-03-06T15:00:00Z"), status: "failed" as const, endedReason: null, durationSeconds: 5 },
          { createdAt: new Date("2026-03-08T04:00:00Z"), endedReason: "twilio-no-answer" }, // 23:00 on 7 March
          { createdAt: new Date("2026-03-08T11:00:00Z"), durationSeconds: 100 }, // today
          { createdAt: new Date("2026-03-08T11:59:00Z"), status: "in-progress" as const, endedReason: null }, // today, live
        ][i]!,
    );
    const f = factories();
    await f.createIntent(org, { name: "Hours" });
    await f.createIntent(org, { name: "Prices" });
    await f.createIntent(org, { name: "Old", isActive: false });
    await f.createPhoneNumber(org);
    await f.createPhoneNumber(org, { isActive: false });
    await f.createAppointment(org, { startAt: new Date("2026-03-09T14:00:00Z") });
    await f.createAppointment(org, { startAt: new Date("2026-03-10T14:00:00Z"), status: "cancelled" });
    await f.createAppointment(org, { startAt: new Date("2026-03-07T14:00:00Z") });

    const stats = await getDashboardStats({ userId, organisationId }, now);
    expect(stats).toEqual({
      intents_count: 2,
      active_phone_numbers: 1,
      calls_today: 2,
      calls_last_7_days: 6,
      answered_rate_7d: 0.6, // completed 2 + transferred 1, of 5 finished
      avg_duration_seconds_7d: 120, // (200 + 60 + 100) / 3
      appointments_upcoming: 1,
      calendar_connected: false,
      subscription_status: "none",
      setup_missing: ["voice", "calendar"],
      recent_calls: expect.any(Array),
    });
    expect(stats.recent_calls.map((c) => c.id)).toEqual(
      seeded
        .slice(2)
        .reverse()
        .map((c) => c.id),
    );

    await f.createCalendarConnection(org);
    await f.createSubscription(org, { status: "trialing" });
    await test.db().db.update(organisations).set({ selectedVoiceAgentId: "any-voice" }).where(eq(organisations.id, organisationId));
    const after = await getDashboardStats({ userId, organisationId }, now);
    expect(after).toMatchObject({ calendar_connected: true, subscription_status: "trialing", setup_missing: [] });
  });

  it("answers a new clinic with zeros and what to set up, to any member, and refuses strangers", async () => {
    const owner = await signUpOwner();
    const other = await signUpOwner();
    await seedCalls(test.db().db, other.organisationId, 3, () => ({ createdAt: new Date() }));
    await factories().createIntent({ id: other.organisationId });
    const member = await addTeammate(owner.client, "member");
    for (const client of [owner.client, member.client]) {
      const res = await client.get(statsRoute.GET, "/api/dashboard-stats");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        intents_count: 0,
        active_phone_numbers: 0,
        calls_today: 0,
        calls_last_7_days: 0,
        answered_rate_7d: null,
        avg_duration_seconds_7d: null,
        appointments_upcoming: 0,
        calendar_connected: false,
        subscription_status: "none",
        setup_missing: ["phone_number", "intents", "voice", "calendar"],
        recent_calls: [],
      });
    }
    expect((await new ApiClient().get(statsRoute.GET, "/api/dashboard-stats")).status).toBe(401);
  });
});

describe("GET /api/subscription-status", () => {
  it("says none before the first subscription, then the newest one, to every member", async () => {
    const owner = await signUpOwner();
    const other = await signUpOwner();
    await factories().createSubscription({ id: other.organisationId }, { status: "active" });
    const none = await owner.client.get(subscriptionRoute.GET, "/api/subscription-status");
    // Billing is off in this file (no STRIPE_SECRET_KEY): the status is shown, nothing is gated.
    expect(none.body).toMatchObject({
      billing_enabled: false,
      status: "none",
      plan: null,
      current_period_end: null,
      cancel_at_period_end: false,
      minutes_used: 0,
      access: { serve: true, reason: "billing_off", banner: "none" },
    });

    await factories().createSubscription({ id: owner.organisationId }, { status: "canceled", createdAt: new Date("2026-01-01T00:00:00Z") });
    await factories().createSubscription(
      {
        id: owner.organisationId,
      },
      {
        status: "past_due",
        plan: "clinic",
        currentPeriodEnd: new Date("2026-05-01T00:00:00Z"),
        cancelAtPeriodEnd: true,
        createdAt: new Date("2026-02-01T00:00:00Z"),
      },
    );
    const member = await addTeammate(owner.client, "member");
    const res = await member.client.get(subscriptionRoute.GET, "/api/subscription-status");
    expect(res.body).toMatchObject({
      status: "past_due",
      plan: "clinic",
      current_period_end: "2026-05-01T00:00:00.000Z",
      cancel_at_period_end: true,
    });
    expect((await new ApiClient().get(subscriptionRoute.GET, "/api/subscription-status")).status).toBe(401);
  });
});
