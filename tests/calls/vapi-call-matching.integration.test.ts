import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { calls } from "@/server/db/schema";
import { BASE_URL, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

const VAPI_SECRET = "matching-vapi-webhook-secret";
const test = useTestApp({
  env: () => ({
    TWILIO_AUTH_TOKEN: "matching-twilio-token",
    VAPI_API_KEY: "matching-key",
    VAPI_API_URL: "http://127.0.0.1:9",
    VAPI_WEBHOOK_SECRET: VAPI_SECRET,
    DEMO: "0",
  }),
});

function send(message: Record<string, unknown>) {
  return vapiRoute.POST(
    new Request(`${BASE_URL}/api/webhooks/vapi`, {
      method: "POST",
      headers: { "x-vapi-secret": VAPI_SECRET, "content-type": "application/json" },
      body: JSON.stringify({ message }),
    }),
  );
}

/** Clinic A's call, handed to Vapi, and clinic B's, each ringing. */
async function twoClinics(bHandedOff: boolean) {
  const f = createFactories(test.db().db);
  const a = await f.createOrganisation();
  const b = await f.createOrganisation();
  const aNumber = await f.createPhoneNumber(a);
  const bNumber = await f.createPhoneNumber(b);
  const aCall = await f.createCall(a, { phoneNumberId: aNumber.id, status: "ringing" });
  const bCall = await f.createCall(b, {
    phoneNumberId: bNumber.id,
    status: "ringing",
    vapiCallId: bHandedOff ? `vapi-b-${bNumber.id}` : null,
  });
  const metadataOfB = { organisation_id: b.id, phone_number_id: bNumber.id, call_id: bCall.id };
  return { a, b, aCall, bCall, metadataOfB };
}

async function row(id: string) {
  const [found] = await test.db().db.select().from(calls).where(eq(calls.id, id));
  return found!;
}

describe("Vapi messages after the hand-off are matched by the Vapi call id alone", () => {
  it.each([true, false])(
    "a status-update for A's call naming B's call in its metadata moves only A's (B handed off: %s)",
    async (bHandedOff) => {
      const { aCall, bCall, metadataOfB } = await twoClinics(bHandedOff);
      const res = await send({
        type: "status-update",
        status: "ended",
        endedReason: "customer-ended-call",
        call: { id: aCall.vapiCallId, metadata: metadataOfB },
      });
      expect(res.status).toBe(200);
      expect((await row(aCall.id)).status).toBe("ended");
      expect(await row(bCall.id)).toMatchObject({ status: "ringing", endedReason: null });
    },
  );

  it("an end-of-call report for A's call naming B's call moves nothing in B and creates nothing there", async () => {
    const { aCall, bCall, b, metadataOfB } = await twoClinics(true);
    const before = await test.db().db.select({ id: calls.id }).from(calls).where(eq(calls.organisationId, b.id));
    const res = await send({
      type: "end-of-call-report",
      endedReason: "customer-ended-call",
      call: { id: aCall.vapiCallId, metadata: metadataOfB },
      artifact: { transcript: "AI: Hello" },
    });
    expect(res.status).toBe(200);
    expect((await row(aCall.id)).status).toBe("ended");
    expect((await row(bCall.id)).status).toBe("ringing");
    const after = await test.db().db.select({ id: calls.id }).from(calls).where(eq(calls.organisationId, b.id));
    expect(after).toHaveLength(before.length);
  });

  it("a message with an unknown Vapi id naming a call already handed to Vapi moves nothing", async () => {
    const { bCall, metadataOfB } = await twoClinics(true);
    const res = await send({ type: "status-update", status: "ended", call: { id: "vapi-call-someone-else", metadata: metadataOfB } });
    expect(res.status).toBe(200);
    expect((await row(bCall.id)).status).toBe("ringing");
  });
});
