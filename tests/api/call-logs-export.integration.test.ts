import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/call-logs/export.csv/route";
import { EXPORT_BATCH_SIZE } from "@/server/call-logs/export-call-logs-csv";
import { organisations } from "@/server/db/schema";
import { seedCalls } from "../call-logs/seed-calls";
import { signUpOwner } from "../helpers/accounts";
import { ApiClient, BASE_URL, useTestApp } from "../helpers/api";

const test = useTestApp();

/** Splits RFC 4180 text into rows of cells (quoted cells may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("GET /api/call-logs/export.csv", () => {
  it("streams every matching call as CSV, newest first, with formula cells escaped", async () => {
    const { client, organisationId } = await signUpOwner();
    const [evil, ordinary] = await seedCalls(
      test.db().db,
      organisationId,
      2,
      (i) =>
        [
          {
            createdAt: new Date("2026-03-04T10:00:00Z"),
            fromNumber: "+15551230000",
            summary: '=HYPERLINK("http://evil.test","Click")',
            endedReason: "@SUM(1)",
            cost: "0.0500",
            durationSeconds: 61,
          },
          { createdAt: new Date("2026-03-04T09:00:00Z"), fromNumber: null, summary: 'Asked "when", then left,\nquickly', language: "ru" },
        ][i]!,
    );
    const res = await client.get(exportRoute.GET, "/api/call-logs/export.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="calls.csv"');
    const [header, ...rows] = parseCsv(res.body as string);
    expect(header).toEqual([
      "Date and time",
      "Time zone",
      "Caller",
      "Number called",
      "Outcome",
      "What happened",
      "Duration (seconds)",
      "Summary",
      "Language",
      "Cost (USD)",
      "Appointment booked",
      "Status",
      "Ended reason",
      "Call ID",
      "Appointment ID",
    ]);
    expect(rows).toEqual([
      [
        "2026-03-04 10:00:00",
        "UTC (UTC+00:00)",
        '="+15551230000"',
        "",
        "completed",
        "Call ended",
        "61",
        `'=HYPERLINK("http://evil.test","Click")`,
        "",
        "0.05",
        "no",
        "ended",
        "'@SUM(1)",
        evil!.id,
        "",
      ],
      [
        "2026-03-04 09:00:00",
        "UTC (UTC+00:00)",
        "",
        "",
        "completed",
        "Caller hung up",
        "",
        'Asked "when", then left,\nquickly',
        "ru",
        "",
        "no",
        "ended",
        "customer-ended-call",
        ordinary!.id,
        "",
      ],
    ]);
  });

  it("writes each call's time on the clinic's clock with the zone and that moment's offset", async () => {
    const { client, organisationId } = await signUpOwner();
    await test.db().db.update(organisations).set({ timezone: "America/New_York" }).where(eq(organisations.id, organisationId));
    await seedCalls(test.db().db, organisationId, 2, (i) => ({
      // Either side of the switch to daylight saving time (8 March 2026, 02:00 local).
      createdAt: new Date(["2026-03-08T06:59:30Z", "2026-03-08T07:00:00Z"][i]!),
      fromNumber: "+12015550123",
      toNumber: "+442079460958",
    }));
    const rows = parseCsv((await client.get(exportRoute.GET, "/api/call-logs/export.csv")).body as string).slice(1);
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      ["2026-03-08 03:00:00", "America/New_York (UTC-04:00)", '="+12015550123"', '="+442079460958"'],
      ["2026-03-08 01:59:30", "America/New_York (UTC-05:00)", '="+12015550123"', '="+442079460958"'],
    ]);
  });

  it("starts with a UTF-8 byte-order mark, so spreadsheets read Cyrillic correctly", async () => {
    const { client } = await signUpOwner();
    const req = new NextRequest(`${BASE_URL}/api/call-logs/export.csv`, { headers: { cookie: `clinicall_session=${client.cookie}` } });
    const res = await exportRoute.GET(req, { params: Promise.resolve({}) });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3, 17).toString()).toBe("Date and time,");
  });

  it("pages through more calls than one batch without repeating any, within the range and filters", async () => {
    const { client, organisationId } = await signUpOwner();
    await test.db().db.update(organisations).set({ timezone: "Europe/London" }).where(eq(organisations.id, organisationId));
    const total = EXPORT_BATCH_SIZE * 2 + 7;
    // Ten calls share each timestamp, so batch boundaries fall inside groups of equal times.
    const seeded = await seedCalls(test.db().db, organisationId, total, (i) => ({
      createdAt: new Date(Date.UTC(2026, 2, 28, 0, 0) + Math.floor(i / 10) * 60_000),
      status: i % 5 === 0 ? ("failed" as const) : ("ended" as const),
    }));
    await seedCalls(test.db().db, organisationId, 3, () => ({ createdAt: new Date("2026-03-30T12:00:00Z") }));

    const res = await client.get(exportRoute.GET, "/api/call-logs/export.csv?from=2026-03-28&to=2026-03-29");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="calls-2026-03-28-2026-03-29.csv"');
    const ids = parseCsv(res.body as string)
      .slice(1)
      .map((row) => row[13]);
    expect(ids).toHaveLength(total);
    expect(new Set(ids)).toEqual(new Set(seeded.map((c) => c.id)));

    const failed = await client.get(exportRoute.GET, "/api/call-logs/export.csv?status=failed");
    expect(parseCsv(failed.body as string).slice(1)).toHaveLength(Math.ceil(total / 5));
  });

  it("refuses a bad range before streaming, and strangers", async () => {
    const { client } = await signUpOwner();
    const res = await client.get(exportRoute.GET, "/api/call-logs/export.csv?from=2026-03-10&to=2026-03-01");
    expect(res.status).toBe(422);
    expect((await new ApiClient().get(exportRoute.GET, "/api/call-logs/export.csv")).status).toBe(401);
  });

  it("exports only the current clinic's calls", async () => {
    const a = await signUpOwner();
    const b = await signUpOwner();
    await seedCalls(test.db().db, b.organisationId, 4);
    const [mine] = await seedCalls(test.db().db, a.organisationId, 1);
    const rows = parseCsv((await a.client.get(exportRoute.GET, "/api/call-logs/export.csv")).body as string);
    expect(rows.slice(1).map((row) => row[13])).toEqual([mine!.id]);
  });
});
