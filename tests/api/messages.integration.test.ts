import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as itemRoute from "@/app/api/messages/[id]/route";
import * as listRoute from "@/app/api/messages/route";
import * as unreadRoute from "@/app/api/messages/unread-count/route";
import * as voicemailRoute from "@/app/api/webhooks/twilio/voicemail/route";
import { signTwilioRequest } from "@/providers/twilio/signature";
import { asService } from "@/server/db/access";
import { createMessage, type NewMessage } from "@/server/messages/create-message";
import { takeMessageTool } from "@/server/messages/tools/take-message-tool";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { BASE_URL, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

const TWILIO_TOKEN = "messages-test-twilio-token";
const test = useTestApp({
  jobs: "enqueue",
  env: () => ({ TWILIO_AUTH_TOKEN: TWILIO_TOKEN, VAPI_API_KEY: "k", VAPI_WEBHOOK_SECRET: "s".repeat(24), DEMO: "0" }),
});
const db = () => test.db().db;

async function seed(organisationId: string, n: number, overrides: (i: number) => Partial<NewMessage> = () => ({})) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await asService((tx) =>
      createMessage(tx, {
        organisationId,
        kind: "message",
        sourceKey: `seed:${organisationId}:${i}:${Math.random()}`,
        reason: `Reason ${i}`,
        ...overrides(i),
      }),
    );
    ids.push(id);
  }
  return ids;
}

interface Page {
  messages: { id: string; status: string; assignee: { id: string } | null; created_at: string }[];
  next_cursor: string | null;
  unread_count: number;
}

describe("messages API", () => {
  it("lists newest first with keyset paging that never repeats or skips, even on one timestamp", async () => {
    const { client, organisationId } = await signUpOwner();
    const ids = await seed(organisationId, 23);
    await db().execute(sql`update messages set created_at = '2026-03-01T10:00:00.000001Z' where organisation_id = ${organisationId}`);
    const expected = (
      await db().execute(sql`select id from messages where organisation_id = ${organisationId} order by created_at desc, id desc`)
    ).rows.map((r) => r.id);
    expect(new Set(expected)).toEqual(new Set(ids));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: Page } = await client.get<Page>(
        listRoute.GET,
        `/api/messages?limit=5${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.unread_count).toBe(23);
      seen.push(...res.body.messages.map((m) => m.id));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen).toEqual(expected);
    expect(pages).toBe(5);
    expect((await client.get(listRoute.GET, "/api/messages?cursor=not-a-cursor")).status).toBe(422);
    expect((await client.get(listRoute.GET, "/api/messages?limit=101")).status).toBe(422);
    expect((await client.get(listRoute.GET, "/api/messages?status=deleted")).status).toBe(422);
  });

  it("members read and move messages along; status records who and when; filters by status and assignee", async () => {
    const { client: owner, organisationId, userId: ownerId } = await signUpOwner();
    const member = await addTeammate(owner, "member");
    const [first, second, third] = await seed(organisationId, 3);

    const started = await member.client.patch(
      itemRoute.PATCH,
      `/api/messages/${first}`,
      { status: "in_progress", assignee_id: member.userId },
      { id: first! },
    );
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      id: first,
      status: "in_progress",
      assignee: { id: member.userId },
      status_changed_by: { id: member.userId },
    });
    expect(started.body.status_changed_at).toEqual(expect.any(String));

    const done = await owner.patch(listRoute.PATCH, "/api/messages", { ids: [second, third], status: "done" });
    expect(done.status).toBe(200);
    expect(new Set(done.body.updated)).toEqual(new Set([second, third]));

    const newOnes = await member.client.get<Page>(listRoute.GET, "/api/messages?status=new");
    expect(newOnes.body.messages).toEqual([]);
    expect(newOnes.body.unread_count).toBe(0);
    const mine = await member.client.get<Page>(listRoute.GET, "/api/messages?assignee=me");
    expect(mine.body.messages.map((m) => m.id)).toEqual([first]);
    const unassigned = await owner.get<Page>(listRoute.GET, "/api/messages?assignee=none&status=done,in_progress");
    expect(new Set(unassigned.body.messages.map((m) => m.id))).toEqual(new Set([second, third]));
    const byOwner = await owner.get<Page>(listRoute.GET, `/api/messages?assignee=${ownerId}`);
    expect(byOwner.body.messages).toEqual([]);

    // Setting the same status again keeps who changed it and when.
    const before = await owner.get(itemRoute.GET, `/api/messages/${first}`, { id: first! });
    const again = await owner.patch(itemRoute.PATCH, `/api/messages/${first}`, { status: "in_progress" }, { id: first! });
    expect(again.body.status_changed_by).toEqual(before.body.status_changed_by);
    expect(again.body.status_changed_at).toBe(before.body.status_changed_at);

    // Unassign; an assignee who is not a member is refused.
    expect((await owner.patch(itemRoute.PATCH, `/api/messages/${first}`, { assignee_id: null }, { id: first! })).body.assignee).toBeNull();
    const outsider = await signUpOwner("Other Clinic");
    const refused = await owner.patch(itemRoute.PATCH, `/api/messages/${first}`, { assignee_id: outsider.userId }, { id: first! });
    expect(refused.status).toBe(422);
    expect((await owner.patch(itemRoute.PATCH, `/api/messages/${first}`, {}, { id: first! })).status).toBe(422);
    expect(
      (await owner.patch(itemRoute.PATCH, `/api/messages/${first}`, { status: "done", caller_name: "x" }, { id: first! })).status,
    ).toBe(422);
    expect((await owner.patch(itemRoute.PATCH, `/api/messages/${first}`, { status: "archived" }, { id: first! })).status).toBe(422);
  });

  it("another clinic's message is a 404 to read or change, and a bulk change skips it", async () => {
    const a = await signUpOwner("Clinic A");
    const b = await signUpOwner("Clinic B");
    const [ofB] = await seed(b.organisationId, 1);
    expect((await a.client.get(itemRoute.GET, `/api/messages/${ofB}`, { id: ofB! })).status).toBe(404);
    expect((await a.client.patch(itemRoute.PATCH, `/api/messages/${ofB}`, { status: "done" }, { id: ofB! })).status).toBe(404);
    expect((await a.client.get(itemRoute.GET, "/api/messages/nope", { id: "nope" })).status).toBe(404);
    const bulk = await a.client.patch(listRoute.PATCH, "/api/messages", { ids: [ofB], status: "done" });
    expect(bulk.body.updated).toEqual([]);
    expect((await b.client.get(itemRoute.GET, `/api/messages/${ofB}`, { id: ofB! })).body.status).toBe("new");
    expect((await a.client.get(listRoute.GET, "/api/messages")).body.messages).toEqual([]);
    expect((await a.client.get(unreadRoute.GET, "/api/messages/unread-count")).body).toEqual({ unread_count: 0 });
    expect((await b.client.get(unreadRoute.GET, "/api/messages/unread-count")).body).toEqual({ unread_count: 1 });
  });

  it("needs a signed-in member", async () => {
    const { ApiClient } = await import("../helpers/api");
    expect((await new ApiClient().get(listRoute.GET, "/api/messages")).status).toBe(401);
  });

  it("the take_message tool files one message per tool call, from the call, however often Vapi retries", async () => {
    const { client, organisationId } = await signUpOwner();
    const f = createFactories(db());
    const call = await f.createCall({ id: organisationId }, { fromNumber: "+14155550123" });
    const context = { organisationId, callId: call.id, callerNumber: "+14155550123", toolCallId: "call_abc" };
    const args = { reason: "Wants to move her cleaning", caller_name: "Ann Lee", callback_number: "not a number", urgent: true };
    const answers = await Promise.all([takeMessageTool(args, context), takeMessageTool(args, context)]);
    expect(answers[0]).toMatch(/saved/i);
    const page = await client.get(listRoute.GET, "/api/messages");
    expect(page.body.messages).toHaveLength(1);
    expect(page.body.messages[0]).toMatchObject({
      kind: "message",
      call_id: call.id,
      caller_number: "+14155550123",
      caller_name: "Ann Lee",
      reason: "Wants to move her cleaning",
      urgency: "urgent",
      status: "new",
    });
    await expect(takeMessageTool({ caller_name: "x" }, { ...context, toolCallId: "call_def" })).rejects.toThrow(/reason/);
  });

  it("a voicemail files one message with its recording, however often Twilio posts it", async () => {
    const { client, organisationId } = await signUpOwner();
    const f = createFactories(db());
    const call = await f.createCall({ id: organisationId }, { fromNumber: "+14155550123", twilioCallSid: `CA${"ab".repeat(16)}` });
    const params = {
      CallSid: call.twilioCallSid!,
      RecordingUrl: "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1",
      RecordingSid: `RE${"cd".repeat(16)}`,
      RecordingDuration: "17",
    };
    const url = `${BASE_URL}/api/webhooks/twilio/voicemail`;
    for (let i = 0; i < 2; i++) {
      const res = await voicemailRoute.POST(
        new Request(url, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-twilio-signature": signTwilioRequest({ authToken: TWILIO_TOKEN, url, params }),
          },
          body: new URLSearchParams(params),
        }),
      );
      expect(res.status).toBe(200);
    }
    const page = await client.get(listRoute.GET, "/api/messages");
    expect(page.body.messages).toHaveLength(1);
    expect(page.body.messages[0]).toMatchObject({
      kind: "voicemail",
      call_id: call.id,
      caller_number: "+14155550123",
      has_recording: true,
      recording_seconds: 17,
    });
  });
});
