import { describe, expect, it } from "vitest";
import { loadSetupSteps } from "@/app/(dashboard)/dashboard/setup-progress";
import * as hoursRoute from "@/app/api/working-hours/route";
import * as statusRoute from "@/app/api/working-hours/status/route";
import { signUpOwner } from "../helpers/accounts";
import { type ApiClient, useTestApp } from "../helpers/api";

useTestApp();

const week = {
  timezone: "Europe/London",
  days: [
    {
      day_of_week: 1,
      ranges: [
        { opens_at: "13:00", closes_at: "17:30" },
        { opens_at: "09:00", closes_at: "12:00" },
      ],
    },
    { day_of_week: 6, ranges: [{ opens_at: "22:00", closes_at: "24:00" }] },
  ],
  exceptions: [
    { date: "2026-12-25", closed: true, label: "Christmas Day" },
    { date: "2026-12-24", ranges: [{ opens_at: "09:00", closes_at: "12:00" }] },
  ],
};

const put = (client: ApiClient, body: unknown) => client.put(hoursRoute.PUT, "/api/working-hours", body);
const status = (client: ApiClient, at?: string) =>
  client.get(statusRoute.GET, at ? `/api/working-hours/status?at=${encodeURIComponent(at)}` : "/api/working-hours/status");
const fieldPaths = (body: { error: { details?: { fields?: { path: string }[] } } }) => body.error.details?.fields?.map((f) => f.path);

describe("GET /api/working-hours", () => {
  it("starts a new clinic on Monday to Friday, 09:00–17:00, UTC, with no exceptions", async () => {
    const { client } = await signUpOwner();
    const res = await client.get(hoursRoute.GET, "/api/working-hours");
    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe("UTC");
    expect(res.body.exceptions).toEqual([]);
    expect(res.body.days).toHaveLength(7);
    expect(res.body.days[0]).toEqual({ day_of_week: 0, ranges: [] });
    expect(res.body.days[3]).toEqual({ day_of_week: 3, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] });
  });
});

describe("PUT /api/working-hours", () => {
  it("replaces timezone, week and exceptions, and reads back sorted", async () => {
    const { client } = await signUpOwner();
    const res = await put(client, week);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      timezone: "Europe/London",
      days: [
        { day_of_week: 0, ranges: [] },
        {
          day_of_week: 1,
          ranges: [
            { opens_at: "09:00", closes_at: "12:00" },
            { opens_at: "13:00", closes_at: "17:30" },
          ],
        },
        { day_of_week: 2, ranges: [] },
        { day_of_week: 3, ranges: [] },
        { day_of_week: 4, ranges: [] },
        { day_of_week: 5, ranges: [] },
        { day_of_week: 6, ranges: [{ opens_at: "22:00", closes_at: "24:00" }] },
      ],
      exceptions: [
        { date: "2026-12-24", closed: false, ranges: [{ opens_at: "09:00", closes_at: "12:00" }], label: null },
        { date: "2026-12-25", closed: true, ranges: [], label: "Christmas Day" },
      ],
    });
    expect((await client.get(hoursRoute.GET, "/api/working-hours")).body).toEqual(res.body);
  });

  it("replaces everything on a second PUT (nothing of the first remains)", async () => {
    const { client } = await signUpOwner();
    await put(client, week);
    const res = await put(client, {
      timezone: "america/new_york",
      days: [{ day_of_week: 2, ranges: [{ opens_at: "08:00", closes_at: "16:00" }] }],
      exceptions: [],
    });
    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe("America/New_York");
    expect(res.body.days.filter((d: { ranges: unknown[] }) => d.ranges.length > 0)).toEqual([
      { day_of_week: 2, ranges: [{ opens_at: "08:00", closes_at: "16:00" }] },
    ]);
    expect(res.body.exceptions).toEqual([]);
  });

  it.each([
    ["an unknown timezone", { ...week, timezone: "Mars/Olympus" }, "timezone"],
    ["an offset instead of a timezone", { ...week, timezone: "+01:00" }, "timezone"],
    ["a weekday out of range", { ...week, days: [{ day_of_week: 7, ranges: [] }] }, "days.0.day_of_week"],
    [
      "a weekday twice",
      {
        ...week,
        days: [
          { day_of_week: 1, ranges: [] },
          { day_of_week: 1, ranges: [] },
        ],
      },
      "days.1",
    ],
    [
      "a time that is not HH:MM",
      { ...week, days: [{ day_of_week: 1, ranges: [{ opens_at: "9am", closes_at: "17:00" }] }] },
      "days.0.ranges.0.opens_at",
    ],
    ["24:30", { ...week, days: [{ day_of_week: 1, ranges: [{ opens_at: "09:00", closes_at: "24:30" }] }] }, "days.0.ranges.0.closes_at"],
    [
      "a range that closes before it opens",
      { ...week, days: [{ day_of_week: 1, ranges: [{ opens_at: "17:00", closes_at: "09:00" }] }] },
      "days.0.ranges.0.closes_at",
    ],
    [
      "an empty range",
      { ...week, days: [{ day_of_week: 1, ranges: [{ opens_at: "09:00", closes_at: "09:00" }] }] },
      "days.0.ranges.0.closes_at",
    ],
    [
      "opening at 24:00",
      { ...week, days: [{ day_of_week: 1, ranges: [{ opens_at: "24:00", closes_at: "24:00" }] }] },
      "days.0.ranges.0.closes_at",
    ],
    [
      "overlapping ranges",
      {
        ...week,
        days: [
          {
            day_of_week: 1,
            ranges: [
              { opens_at: "09:00", closes_at: "13:00" },
              { opens_at: "12:30", closes_at: "17:00" },
            ],
          },
        ],
      },
      "days.0.ranges.1.opens_at",
    ],
    ["an impossible date", { ...week, exceptions: [{ date: "2026-02-30", closed: true }] }, "exceptions.0.date"],
    [
      "a date twice",
      {
        ...week,
        exceptions: [
          { date: "2026-12-25", closed: true },
          { date: "2026-12-25", closed: true },
        ],
      },
      "exceptions.1",
    ],
    ["a special day without hours", { ...week, exceptions: [{ date: "2026-12-24", ranges: [] }] }, "exceptions.0.ranges"],
    [
      "a closed day with hours",
      { ...week, exceptions: [{ date: "2026-12-24", closed: true, ranges: [{ opens_at: "09:00", closes_at: "10:00" }] }] },
      "exceptions.0.ranges",
    ],
    ["no exceptions list", { timezone: "UTC", days: [] }, "exceptions"],
  ])("refuses %s with 422 naming the field, and changes nothing", async (_label, body, path) => {
    const { client } = await signUpOwner();
    const before = (await client.get(hoursRoute.GET, "/api/working-hours")).body;
    const res = await put(client, body);
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toContain(path);
    expect((await client.get(hoursRoute.GET, "/api/working-hours")).body).toEqual(before);
  });

  it("accepts ranges that touch and a range to 24:00", async () => {
    const { client } = await signUpOwner();
    const res = await put(client, {
      timezone: "UTC",
      days: [
        {
          day_of_week: 5,
          ranges: [
            { opens_at: "00:00", closes_at: "12:00" },
            { opens_at: "12:00", closes_at: "24:00" },
          ],
        },
      ],
      exceptions: [],
    });
    expect(res.status).toBe(200);
  });

  it("counts as reviewed on the Overview's setup checklist once saved, even unchanged", async () => {
    const { client, userId, organisationId } = await signUpOwner();
    const hoursStep = async () => (await loadSetupSteps({ userId, organisationId })).find((s) => s.key === "working-hours")?.status;
    expect(await hoursStep()).toBe("default");
    const current = await client.get(hoursRoute.GET, "/api/working-hours");
    expect((await put(client, { ...current.body, exceptions: [] })).status).toBe(200);
    expect(await hoursStep()).toBe("done");
  });

  it("never touches another clinic's hours", async () => {
    const a = await signUpOwner();
    const b = await signUpOwner();
    await put(a.client, week);
    const theirs = await b.client.get(hoursRoute.GET, "/api/working-hours");
    expect(theirs.body.timezone).toBe("UTC");
    expect(theirs.body.exceptions).toEqual([]);
  });
});

describe("GET /api/working-hours/status", () => {
  it("says open and when it closes, in the clinic's timezone", async () => {
    const { client } = await signUpOwner();
    await put(client, week);
    // Monday 2026-06-01 10:00 BST = 09:00Z
    const res = await status(client, "2026-06-01T09:00:00Z");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      open: true,
      closes_at: "2026-06-01T12:00:00+01:00",
      opens_at_next: "2026-06-01T13:00:00+01:00",
      timezone: "Europe/London",
      local_time: "2026-06-01T10:00:00+01:00",
    });
  });

  it("skips a holiday and uses special hours", async () => {
    const { client } = await signUpOwner();
    await put(client, {
      ...week,
      days: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ day_of_week: d, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
    });
    const christmasEve = await status(client, "2026-12-24T13:00:00Z");
    expect(christmasEve.body).toMatchObject({ open: false, closes_at: null, opens_at_next: "2026-12-26T09:00:00+00:00" });
  });

  it.each([
    // New York, 2026-03-08 (clocks jump 02:00 → 03:00) and 2026-11-01 (01:00–02:00 twice)
    ["America/New_York", "01:30", "09:00", "2026-03-08T06:45:00Z", true, "2026-03-08T09:00:00-04:00"],
    ["America/New_York", "01:30", "09:00", "2026-03-08T13:00:00Z", false, null],
    ["America/New_York", "13:00", "23:30", "2026-03-09T03:29:00Z", true, "2026-03-08T23:30:00-04:00"],
    ["America/New_York", "01:30", "09:00", "2026-11-01T06:15:00Z", true, "2026-11-01T09:00:00-05:00"],
    ["America/New_York", "01:30", "09:00", "2026-11-01T05:15:00Z", false, null],
    // London, 2026-03-29 (01:00 → 02:00) and 2026-10-25 (01:00–02:00 twice)
    ["Europe/London", "01:30", "09:00", "2026-03-29T01:00:00Z", true, "2026-03-29T09:00:00+01:00"],
    ["Europe/London", "13:00", "23:30", "2026-03-29T22:31:00Z", false, null],
    ["Europe/London", "01:30", "09:00", "2026-10-25T01:10:00Z", true, "2026-10-25T09:00:00+00:00"],
    ["Europe/London", "13:00", "23:30", "2026-10-25T23:29:00Z", true, "2026-10-25T23:30:00+00:00"],
  ])("%s %s–%s at %s: open=%s", async (timezone, opens_at, closes_at, at, open, closesAt) => {
    const { client } = await signUpOwner();
    await put(client, { timezone, days: [{ day_of_week: 0, ranges: [{ opens_at, closes_at }] }], exceptions: [] });
    const res = await status(client, at);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ open, closes_at: closesAt, timezone });
  });

  it("defaults to now and refuses an instant without an offset", async () => {
    const { client } = await signUpOwner();
    const now = await status(client);
    expect(now.status).toBe(200);
    expect(typeof now.body.open).toBe("boolean");
    expect((await status(client, "2026-06-01T09:00:00")).status).toBe(422);
    expect((await status(client, "tomorrow")).status).toBe(422);
  });
});
