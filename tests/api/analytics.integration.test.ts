import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as analyticsRoute from "@/app/api/analytics/route";
import { callTransfers, organisations } from "@/server/db/schema";
import { seedCalls } from "../call-logs/seed-calls";
import { signUpOwner } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";
import { PROCESS_TIME_ZONES, useProcessTimeZone } from "../working-hours/process-time-zones";

const test = useTestApp();

async function clinicIn(timeZone: string) {
  const owner = await signUpOwner();
  await test.db().db.update(organisations).set({ timezone: timeZone }).where(eq(organisations.id, owner.organisationId));
  return owner;
}

const at = (iso: string) => ({ createdAt: new Date(iso) });
const analytics = (client: ApiClient, query: string) => client.get(analyticsRoute.GET, `/api/analytics?${query}`);
const countsBy = <K extends string>(entries: ({ calls: number } & Record<K, unknown>)[], key: K) =>
  Object.fromEntries(entries.filter((e) => e.calls > 0).map((e) => [String(e[key]), e.calls]));

// The same cases under several process time zones: bucketing must depend on the clinic's zone only.
describe.each(PROCESS_TIME_ZONES.filter((z) => ["UTC", "Asia/Tokyo", "America/Los_Angeles"].includes(z.tz)))(
  "GET /api/analytics buckets in the clinic's timezone (process TZ $tz)",
  ({ tz, januaryOffset }) => {
    useProcessTimeZone(tz, januaryOffset);

    it("puts calls in the clinic's local days and hours across the spring-forward change", async () => {
      const { client, organisationId } = await clinicIn("America/New_York");
      // Clocks in New York go from 02:00 EST to 03:00 EDT on Sunday 8 March 2026 (07:00 UTC).
      await seedCalls(
        test.db().db,
        organisationId,
        10,
        (i) =>
          [
            at("2026-03-07T04:59:00Z"), // 23:59 on 6 March: before the range
            at("2026-03-07T05:00:00Z"), // 00:00 on 7 March (EST): the range's first instant
            at("2026-03-08T04:59:00Z"), // 23:59 on 7 March
            at("2026-03-08T05:00:00Z"), // 00:00 on 8 March
            at("2026-03-08T06:59:00Z"), // 01:59 EST
            at("2026-03-08T07:00:00Z"), // 03:00 EDT: 02:00 never happens
            at("2026-03-09T03:30:00Z"), // 23:30 EDT on 8 March (UTC dates would say the 9th)
            at("2026-03-09T04:30:00Z"), // 00:30 EDT on 9 March (a fixed EST offset would say 23:30 on the 8th)
            at("2026-03-10T03:59:00Z"), // 23:59 EDT on 9 March: the range's last minute
            at("2026-03-10T04:00:00Z"), // 00:00 on 10 March: after the range
          ][i]!,
      );
      const res = await analytics(client, "from=2026-03-07&to=2026-03-09");
      expect(res.status).toBe(200);
      expect(res.body.range).toEqual({
        from: "2026-03-07T05:00:00.000Z",
        to: "2026-03-10T04:00:00.000Z",
        time_zone: "America/New_York",
        granularity: "day",
      });
      expect(res.body.series.map((b: { bucket: string; calls: number }) => [b.bucket, b.calls])).toEqual([
        ["2026-03-07", 2],
        ["2026-03-08", 4],
        ["2026-03-09", 2],
      ]);
      expect(res.body.by_hour_of_day).toHaveLength(24);
      expect(countsBy(res.body.by_hour_of_day, "hour")).toEqual({ "0": 3, "1": 1, "3": 1, "23": 3 });
      expect(res.body.totals.calls).toBe(8);
    });

    it("counts the 25-hour day of the fall-back change once, with both 01:30s in hour 1", async () => {
      const { client, organisationId } = await clinicIn("America/New_York");
      // 1 November 2026: 02:00 EDT becomes 01:00 EST (06:00 UTC); the day lasts 25 hours.
      await seedCalls(
        test.db().db,
        organisationId,
        5,
        (i) =>
          [
            at("2026-11-01T04:00:00Z"), // 00:00 EDT on 1 November
            at("2026-11-01T05:30:00Z"), // 01:30 EDT
            at("2026-11-01T06:30:00Z"), // 01:30 EST, the second time
            at("2026-11-02T04:30:00Z"), // 23:30 EST on 1 November (a fixed EDT offset would say the 2nd)
            at("2026-11-02T05:00:00Z"), // 00:00 EST on 2 November
          ][i]!,
      );
      const res = await analytics(client, "from=2026-11-01&to=2026-11-02");
      expect(res.body.series.map((b: { bucket: string; calls: number }) => [b.bucket, b.calls])).toEqual([
        ["2026-11-01", 4],
        ["2026-11-02", 1],
      ]);
      expect(countsBy(res.body.by_hour_of_day, "hour")).toEqual({ "0": 2, "1": 2, "23": 1 });
    });

    it("starts weeks on the clinic's Monday, across the change, in London too", async () => {
      const { client, organisationId } = await clinicIn("Europe/London");
      // London springs forward on Sunday 29 March 2026 at 01:00 UTC.
      await seedCalls(
        test.db().db,
        organisationId,
        4,
        (i) =>
          [
            at("2026-03-22T23:30:00Z"), // Sunday 22 March 23:30 GMT: week of 16 March
            at("2026-03-29T22:30:00Z"), // Sunday 29 March 23:30 BST: week of 23 March
            at("2026-03-29T23:30:00Z"), // Monday 30 March 00:30 BST: week of 30 March
            at("2026-04-05T12:00:00Z"), // week of 30 March
          ][i]!,
      );
      const res = await analytics(client, "from=2026-03-16&to=2026-04-05&granularity=week");
      expect(res.body.series.map((b: { bucket: string; calls: number }) => [b.bucket, b.calls])).toEqual([
        ["2026-03-16", 1],
        ["2026-03-23", 1],
        ["2026-03-30", 2],
      ]);
    });
  },
);

describe("GET /api/analytics totals", () => {
  it("counts outcomes, durations, cost, languages, reasons and booking conversion", async () => {
    const { client, organisationId } = await clinicIn("UTC");
    const day = "2026-04-01T10:00:00Z";
    const [first, second, , transferred] = await seedCalls(
      test.db().db,
      organisationId,
      9,
      (i) =>
        [
          { ...at(day), durationSeconds: 60, cost: "0.1000", language: "en" },
          { ...at(day), durationSeconds: 120, cost: "0.2000", language: "en" },
          { ...at(day), durationSeconds: null, language: "ru" },
          { ...at(day), endedReason: "assistant-forwarded-call", durationSeconds: 90, cost: "0.0500", language: "ru" },
          { ...at(day), endedReason: "twilio-no-answer" },
          { ...at(day), endedReason: "clinic-not-configured" },
          { ...at(day), status: "failed" as const, endedReason: null },
          { ...at(day), endedReason: "pipeline-error-openai-llm-failed", language: "en" },
          { ...at(day), status: "in-progress" as const, endedReason: null },
        ][i]!,
    );
    const f = createFactories(test.db().db);
    const slot = (hour: number) => ({ startAt: new Date(Date.UTC(2026, 3, 2, hour)) });
    await f.createAppointment({ id: organisationId }, { callId: first!.id, ...slot(9) });
    await f.createAppointment({ id: organisationId }, { callId: first!.id, ...slot(10), status: "cancelled" });
    await f.createAppointment({ id: organisationId }, { callId: transferred!.id, ...slot(11) });
    await f.createAppointment({ id: organisationId }, { ...slot(12) }); // booked by a person, not a call
    // The team was rung three times (decision 019): answered once, not answered once; a transfer
    // still only requested (never dialled) does not count.
    await test
      .db()
      .db.insert(callTransfers)
      .values([
        { organisationId, callId: first!.id, kind: "assistant", status: "answered", createdAt: new Date(day) },
        { organisationId, callId: second!.id, kind: "ring_first", status: "no_answer", createdAt: new Date(day) },
        { organisationId, callId: transferred!.id, kind: "emergency", status: "requested", createdAt: new Date(day) },
      ]);

    const res = await analytics(client, "from=2026-04-01&to=2026-04-01");
    expect(res.body.totals).toEqual({
      calls: 9,
      completed: 3,
      answered: 4,
      transfers: 2,
      transfers_answered: 1,
      transfer_answer_rate: 0.5,
      missed: 2,
      failed: 2,
      in_progress: 1,
      avg_duration_seconds: 90, // (60 + 120 + 90) / 3 answered calls with a duration
      total_minutes: 4.5,
      appointments_booked: 2,
      booking_rate: 0.5, // 2 of the 4 answered calls booked
      cost: 0.35,
    });
    expect(res.body.series).toEqual([{ bucket: "2026-04-01", calls: 9, booked: 2, avg_duration_seconds: 90 }]);
    expect(countsBy(res.body.by_language, "language")).toEqual({ en: 3, ru: 2, unknown: 4 });
    expect(res.body.by_ended_reason).toContainEqual({
      ended_reason: "customer-ended-call",
      outcome: "completed",
      calls: 3,
      label: "Caller hung up",
    });
    expect(res.body.by_ended_reason).toContainEqual({
      ended_reason: "pipeline-error-openai-llm-failed",
      outcome: "failed",
      calls: 1,
      label: "Voice provider error",
    });
    expect(res.body.by_ended_reason).toContainEqual({ ended_reason: null, outcome: "failed", calls: 1, label: "Call failed" });
    expect(res.body.by_ended_reason[0].calls).toBe(3);
  });

  it("answers an empty clinic with zeros, every bucket and every hour", async () => {
    const { client } = await clinicIn("Asia/Kolkata");
    const res = await analytics(client, "from=2026-04-01&to=2026-04-07");
    expect(res.body.totals).toMatchObject({ calls: 0, avg_duration_seconds: null, booking_rate: null, cost: 0, total_minutes: 0 });
    expect(res.body.series).toHaveLength(7);
    expect(res.body.series.every((b: { calls: number }) => b.calls === 0)).toBe(true);
    expect(res.body.by_hour_of_day).toHaveLength(24);
    expect(res.body.by_language).toEqual([]);
    expect(res.body.range.from).toBe("2026-03-31T18:30:00.000Z");
  });

  it("defaults to the last 30 days of the clinic's calendar, today included", async () => {
    const { client, organisationId } = await clinicIn("Pacific/Auckland");
    await seedCalls(test.db().db, organisationId, 1, () => ({ createdAt: new Date() }));
    const res = await analytics(client, "");
    expect(res.status).toBe(200);
    expect(res.body.series).toHaveLength(30);
    expect(res.body.totals.calls).toBe(1);
    expect(res.body.series.at(-1).calls).toBe(1);
  });

  it.each([
    ["from=2026-04-10&to=2026-04-01", "to"],
    ["from=2024-01-01&to=2026-04-01", "to"],
    ["granularity=month", "granularity"],
    ["from=April", "from"],
  ])("refuses %s with 422", async (query, path) => {
    const { client } = await clinicIn("UTC");
    const res = await analytics(client, query);
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((field: { path: string }) => field.path)).toContain(path);
  });

  it("reads only the current clinic's calls and refuses strangers", async () => {
    const a = await clinicIn("UTC");
    const b = await clinicIn("UTC");
    await seedCalls(test.db().db, b.organisationId, 5, () => at("2026-04-01T10:00:00Z"));
    const res = await analytics(a.client, "from=2026-04-01&to=2026-04-01");
    expect(res.body.totals.calls).toBe(0);
    expect((await analytics(new ApiClient(), "")).status).toBe(401);
  });
});
