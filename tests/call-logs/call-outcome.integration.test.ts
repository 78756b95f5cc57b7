import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callStatuses } from "@/server/db/schema";
import { translatorFor } from "@/server/i18n/translator";
import { callOutcome, explainEndedReason, knownEndedReasons } from "@/shared/ended-reasons";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

const en = translatorFor("en");

/** Reasons beyond the ones with their own wording: Vapi's long tail, and nonsense. */
const moreReasons = [
  null,
  "pipeline-error-openai-llm-failed",
  "pipeline-error-eleven-labs-voice-not-found",
  "call.in-progress.error-providerfault-openai-llm-failed",
  "call.start.error-get-org",
  "call-start-error-neither-assistant-nor-server-set",
  "assistant-request-returned-invalid-assistant",
  "call.ringing.error-sip-inbound-call-failed-to-connect",
  "vonage-completed",
  "vonage-rejected",
  "customer-did-not-give-microphone-permission",
  "something-vapi-adds-next-year",
  "",
];

describe("public.call_outcome agrees with callOutcome in src/lib/ended-reasons.ts", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("for every status and every reason we word, and Vapi's long tail", async () => {
    const cases = callStatuses.flatMap((status) => [...knownEndedReasons, ...moreReasons].map((reason) => ({ status, reason })));
    const { rows } = await database.db.execute(sql`
      select c.status, c.reason, public.call_outcome(c.status, c.reason) as outcome
      from json_to_recordset(${JSON.stringify(cases)}::json) as c(status text, reason text)`);
    expect(rows).toHaveLength(cases.length);
    const disagreements = rows
      .map((row) => ({ ...row, sql: row.outcome, ours: callOutcome(String(row.status), (row.reason as string | null) ?? null) }))
      .filter((row) => row.ours !== row.sql);
    expect(disagreements).toEqual([]);
  });

  it("is inlined, so aggregates pay no function call per row", async () => {
    const { rows } = await database.db.execute(sql`
      explain (verbose, format json) select public.call_outcome(status, ended_reason) from public.calls`);
    const plan = JSON.stringify(rows[0]);
    expect(plan).not.toContain("call_outcome");
    expect(plan).toContain("CASE");
  });
});

describe("explainEndedReason", () => {
  it("words every known reason and a fallback for the rest, never the raw code alone", () => {
    expect(explainEndedReason("ended", "customer-ended-call", en)).toEqual({
      code: "customer-ended-call",
      label: "Caller hung up",
      description: "The caller ended the call.",
      outcome: "completed",
    });
    expect(explainEndedReason("ended", "clinic-not-configured", en).outcome).toBe("missed");
    expect(explainEndedReason("ended", "pipeline-error-deepgram-transcriber-failed", en)).toMatchObject({
      label: "Voice provider error",
      outcome: "failed",
    });
    expect(explainEndedReason("ringing", null, en)).toMatchObject({ label: "In progress", outcome: "in_progress" });
    expect(explainEndedReason("failed", null, en)).toMatchObject({ label: "Call failed", outcome: "failed" });
    expect(explainEndedReason("ended", "brand-new-reason", en)).toMatchObject({ label: "Call ended", outcome: "completed" });
    for (const reason of knownEndedReasons) expect(explainEndedReason("ended", reason, en).label).not.toBe(reason);
  });
});
