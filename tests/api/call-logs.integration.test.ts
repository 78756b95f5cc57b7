import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as callRoute from "@/app/api/call-logs/[id]/route";
import * as listRoute from "@/app/api/call-logs/route";
import { calls, organisations } from "@/server/db/schema";
import { seedCalls } from "../call-logs/seed-calls";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

const test = useTestApp();
const db = () => test.db().db;

interface Page {
  calls: { id: string; created_at: string; status: string; from_number: string | null; appointment_id: string | null }[];
  next_cursor: string | null;
}

async function allPages(client: ApiClient, query: string, between?: (pageIndex: number) => Promise<void>) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = query ? "&" : "";
    const res: { status: number; body: Page } = await client.get<Page>(
      listRoute.GET,
      `/api/call-logs?${query}${cursor ? `${separator}cursor=${cursor}` : ""}`,
    );
    expect(res.status).toBe(200);
    ids.push(...res.body.calls.map((c) => c.id));
    cursor = res.body.next_cursor;
    pages += 1;
    await between?.(pages);
  } while (cursor && pages < 1000);
  return { ids, pages };
}

/** The order the API promises, straight from the database. */
async function expectedOrder(organisationId: string): Promise<string[]> {
  const rows = await db()
    .select({ id: calls.id })
    .from(calls)
    .where(eq(calls.organisationId, organisationId))
    .orderBy(sql`${calls.createdAt} desc, ${calls.id} desc`);
  return rows.map((r) => r.id);
}

describe("GET /api/call-logs pagination", () => {
  it("never repeats or skips a call when many share a timestamp, down to the microsecond", async () => {
    const { client, organisationId } = await signUpOwner();
    // 90 calls at exactly the same instant, 40 one microsecond later, 40 one microsecond
    // earlier, and 33 spread over the day: a page boundary falls inside every group.
    await seedCalls(db(), organisationId, 90, () => ({ createdAt: sql`'2026-03-01T10:00:00.000001Z'::timestamptz` }));
    await seedCalls(db(), organisationId, 40, () => ({ createdAt: sql`'2026-03-01T10:00:00.000002Z'::timestamptz` }));
    await seedCalls(db(), organisationId, 40, () => ({ createdAt: sql`'2026-03-01T10:00:00.000000Z'::timestamptz` }));
    await seedCalls(db(), organisationId, 33, (i) => ({ createdAt: new Date(Date.UTC(2026, 2, 1, i % 24, i)) }));

    const expected = await expectedOrder(organisationId);
    expect(expected).toHaveLength(203);
    for (const limit of [1, 7, 25, 100]) {
      const { ids, pages } = await allPages(client, `limit=${limit}`);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expected);
      expect(pages).toBe(Math.ceil(203 / limit));
    }
  });

  it("keeps its place while new calls arrive: later pages continue where the last one ended", async () => {
    const { client, organisationId } = await signUpOwner();
    await seedCalls(db(), organisationId, 60, () => ({ createdAt: new Date("2026-03-02T08:00:00Z") }));
    const before = await expectedOrder(organisationId);
    const { ids } = await allPages(client, "limit=9", async (page) => {
      if (page === 2) await seedCalls(db(), organisationId, 5, () => ({ createdAt: new Date("2026-03-02T09:00:00Z") }));
    });
    expect(ids).toEqual(before);
  });

  it("answers the newest page with a cursor only when there is more", async () => {
    const { client, organisationId } = await signUpOwner();
    await seedCalls(db(), organisationId, 3, (i) => ({ createdAt: new Date(Date.UTC(2026, 2, 3, 9, i)) }));
    const res = await client.get<Page>(listRoute.GET, "/api/call-logs?limit=3");
    expect(res.body.calls.map((c) => c.created_at)).toEqual([
      "2026-03-03T09:02:00.000000Z",
      "2026-03-03T09:01:00.000000Z",
      "2026-03-03T09:00:00.000000Z",
    ]);
    expect(res.body.next_cursor).toBeNull();
    const first = await client.get<Page>(listRoute.GET, "/api/call-logs?limit=2");
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const empty = await (await signUpOwner()).client.get<Page>(listRoute.GET, "/api/call-logs");
    expect(empty.body).toEqual({ calls: [], next_cursor: null });
  });

  it.each([
    ["garbage", "not a cursor!"],
    ["base64 of something else", Buffer.from("hello|world").toString("base64url")],
    ["a timestamp without microseconds", Buffer.from("2026-03-01T10:00:00Z|0b5c1f43-7f39-4f3c-9d59-1c4f7d2b8a10").toString("base64url")],
    ["an impossible date", Buffer.from("2026-02-30T10:00:00.000000Z|0b5c1f43-7f39-4f3c-9d59-1c4f7d2b8a10").toString("base64url")],
    ["a bad id", Buffer.from("2026-03-01T10:00:00.000000Z|not-a-uuid").toString("base64url")],
  ])("refuses a cursor that is %s with 422", async (_label, cursor) => {
    const { client } = await signUpOwner();
    const res = await client.get(listRoute.GET, `/api/call-logs?cursor=${encodeURIComponent(cursor)}`);
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields[0].path).toBe("cursor");
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["from=2026-03-10&to=2026-03-01", "to"],
    ["from=2026-03-10T10:00:00Z&to=2026-03-10T10:00:00Z", "to"],
    ["from=2026-02-30", "from"],
    ["to=yesterday", "to"],
    ["from=2026-03-10T10:00:00", "from"],
    ["status=done", "status"],
    ["outcome=great", "outcome"],
    [`q=${"x".repeat(101)}`, "q"],
  ])("refuses %s with 422", async (query, path) => {
    const { client } = await signUpOwner();
    const res = await client.get(listRoute.GET, `/api/call-logs?${query}`);
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
  });
});

describe("GET /api/call-logs filters and search", () => {
  async function clinicWithCalls() {
    const owner = await signUpOwner();
    await db().update(organisations).set({ timezone: "America/New_York" }).where(eq(organisations.id, owner.organisationId));
    const seeded = await seedCalls(
      db(),
      owner.organisationId,
      6,
      (i) =>
        [
          // 23:30 on 7 March in New York (04:30 UTC on the 8th)
          {
            createdAt: new Date("2026-03-08T04:30:00Z"),
            fromNumber: "+15551230001",
            transcript: "User: Do you take walk-ins?",
            status: "ended" as const,
          },
          // 00:30 on 8 March in New York
          {
            createdAt: new Date("2026-03-08T05:30:00Z"),
            fromNumber: "+447700900123",
            transcript: "User: Я хочу записаться к врачу",
            language: "ru",
          },
          {
            createdAt: new Date("2026-03-08T15:00:00Z"),
            fromNumber: "+15551239999",
            transcript: "User: I need 100% of my refund_id",
            status: "failed" as const,
            endedReason: null,
          },
          {
            createdAt: new Date("2026-03-09T03:59:00Z"),
            fromNumber: "+15557654321",
            transcript: "AI: Hello\nUser: Can I BOOK a cleaning?",
            endedReason: "assistant-forwarded-call",
          },
          {
            createdAt: new Date("2026-03-09T04:30:00Z"),
            fromNumber: null,
            transcript: null,
            status: "in-progress" as const,
            endedReason: null,
          },
          {
            createdAt: new Date("2026-03-10T12:00:00Z"),
            fromNumber: "+15551230002",
            transcript: "User: when are you open",
            endedReason: "twilio-no-answer",
          },
        ][i]!,
    );
    return { ...owner, seeded };
  }

  const idsOf = (page: Page) => page.calls.map((c) => c.id);

  it("filters by the clinic's local dates, status, outcome and a search of number or transcript", async () => {
    const { client, seeded } = await clinicWithCalls();
    const [walkIns, russian, refund, booking, live, missed] = seeded.map((c) => c.id);
    const list = async (query: string) => idsOf((await client.get<Page>(listRoute.GET, `/api/call-logs?${query}`)).body);

    expect(await list("from=2026-03-08&to=2026-03-08")).toEqual([booking, refund, russian]);
    expect(await list("from=2026-03-08T15:00:00Z&to=2026-03-09T04:00:00Z")).toEqual([booking, refund]);
    expect(await list("to=2026-03-07")).toEqual([walkIns]);
    expect(await list("status=failed")).toEqual([refund]);
    expect(await list("status=in-progress,failed")).toEqual([live, refund]);
    expect(await list("outcome=transferred")).toEqual([booking]);
    expect(await list("outcome=missed")).toEqual([missed]);
    expect(await list("outcome=completed")).toEqual([russian, walkIns]);

    expect(await list("q=book")).toEqual([booking]);
    expect(await list("q=%D0%B7%D0%B0%D0%BF%D0%B8%D1%81%D0%B0%D1%82%D1%8C%D1%81%D1%8F")).toEqual([russian]); // записаться
    expect(await list("q=%2B1%20(555)%20765-43")).toEqual([booking]); // "+1 (555) 765-43"
    expect(await list("q=55512300")).toEqual([missed, walkIns]);
    expect(await list("q=100%25")).toEqual([refund]); // a literal %
    expect(await list("q=wa_k")).toEqual([]); // _ is not a wildcard ("walk" does not match)
    expect(await list("q=refund_id")).toEqual([refund]);
    expect(await list("q=book&from=2026-03-09&status=ended")).toEqual([]);
    expect(await list("q=%20%20")).toHaveLength(6); // blank: no search
  });

  it("filters before paginating: a filtered list pages through exactly the matches", async () => {
    const { client, organisationId } = await signUpOwner();
    await seedCalls(db(), organisationId, 40, (i) => ({
      createdAt: new Date("2026-03-05T10:00:00Z"),
      status: i % 3 === 0 ? ("failed" as const) : ("ended" as const),
      transcript: i % 2 === 0 ? "User: I would like an appointment" : "User: Where do I park?",
    }));
    const { ids } = await allPages(client, "limit=4&status=failed&q=appointment");
    const expected = (
      await db()
        .select({ id: calls.id })
        .from(calls)
        .where(
          sql`${calls.organisationId} = ${organisationId} and ${calls.status} = 'failed' and ${calls.transcript} ilike '%appointment%'`,
        )
        .orderBy(sql`${calls.createdAt} desc, ${calls.id} desc`)
    ).map((r) => r.id);
    expect(expected).toHaveLength(7);
    expect(ids).toEqual(expected);
  });

  it("lists the fields of the issue, with the linked appointment and a numeric cost", async () => {
    const { client, organisationId } = await signUpOwner();
    const f = createFactories(db());
    const call = await f.createCall(
      { id: organisationId },
      {
        fromNumber: "+15550001111",
        toNumber: "+15550002222",
        durationSeconds: 95,
        summary: "Booked a check-up.",
        language: "en",
        cost: "0.1234",
        endedReason: "customer-ended-call",
      },
    );
    const appointment = await f.createAppointment({ id: organisationId }, { callId: call.id });
    const res = await client.get<Page>(listRoute.GET, "/api/call-logs");
    expect(res.body.calls).toEqual([
      {
        id: call.id,
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
        from_number: "+15550001111",
        to_number: "+15550002222",
        status: "ended",
        ended_reason: "customer-ended-call",
        duration_seconds: 95,
        summary: "Booked a check-up.",
        language: "en",
        appointment_id: appointment.id,
        cost: 0.1234,
      },
    ]);
  });
});

describe("organisation scope", () => {
  it("lists only the current clinic's calls, to every member, and refuses strangers", async () => {
    const a = await signUpOwner("Clinic A");
    const b = await signUpOwner("Clinic B");
    const [callA] = await seedCalls(db(), a.organisationId, 1);
    const [callB] = await seedCalls(db(), b.organisationId, 1);
    const member = await addTeammate(a.client, "member");

    for (const client of [a.client, member.client]) {
      const page = await client.get<Page>(listRoute.GET, "/api/call-logs");
      expect(page.body.calls.map((c) => c.id)).toEqual([callA!.id]);
      expect((await client.get(callRoute.GET, `/api/call-logs/${callA!.id}`, { id: callA!.id })).status).toBe(200);
    }
    // Another clinic's id, an id that does not exist and one that is not an id look the same.
    for (const id of [callB!.id, "6a1f2a0e-41c4-4d7e-9b55-8f5b0c9a0c11", "nope"]) {
      const res = await a.client.get(callRoute.GET, `/api/call-logs/${id}`, { id });
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ code: "not_found", message: "There is no such call in this clinic." });
    }
    expect((await new ApiClient().get(listRoute.GET, "/api/call-logs")).status).toBe(401);
    expect((await new ApiClient().get(callRoute.GET, `/api/call-logs/${callA!.id}`, { id: callA!.id })).status).toBe(401);
  });
});
