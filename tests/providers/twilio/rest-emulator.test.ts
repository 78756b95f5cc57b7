import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTwilioEmulator, type TwilioEmulator } from "@/providers/twilio/emulator";
import { createTwilioRestClient } from "@/providers/twilio/rest-client";

const ACCOUNT = `AC${"1".repeat(32)}`;
const TOKEN = "t".repeat(32);

let emulator: TwilioEmulator;
beforeAll(async () => {
  emulator = await startTwilioEmulator({ accountSid: ACCOUNT, authToken: TOKEN });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const client = () => createTwilioRestClient({ accountSid: ACCOUNT, authToken: TOKEN, apiUrl: emulator.url });
const DIAL = '<Response><Dial action="https://clinic.example/api/x" timeout="20"><Number>+15551230001</Number></Dial></Response>';

async function rejection(promise: Promise<unknown>): Promise<{ status: number; code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; code: number; message: string };
  }
  throw new Error("expected the request to fail");
}

describe("Twilio REST emulator through the twilio package", () => {
  it("updates a live call with TwiML, records it and tells the listeners", async () => {
    const call = emulator.registerCall({ from: "+15551239999", to: "+15551230000" });
    const seen: string[] = [];
    const stop = emulator.onCallUpdate((updated, update) => seen.push(`${updated.sid}:${update.document?.children[0]?.name}`));
    const updated = await client().calls(call.sid).update({ twiml: DIAL });
    stop();
    expect(updated.sid).toBe(call.sid);
    expect(updated.status).toBe("in-progress");
    expect(updated.accountSid).toBe(ACCOUNT);
    expect(call.updates).toHaveLength(1);
    expect(call.updates[0]?.document?.children[0]?.attributes.action).toBe("https://clinic.example/api/x");
    expect(seen).toEqual([`${call.sid}:Dial`]);
    expect(emulator.state.requests.at(-1)).toMatchObject({ method: "POST", status: 200 });
  });

  it("hangs up a live call with Status=completed, and then refuses to redirect it", async () => {
    const call = emulator.registerCall({ from: "+15551239999", to: "+15551230000" });
    await client().calls(call.sid).update({ status: "completed" });
    expect(call.status).toBe("completed");
    const error = await rejection(client().calls(call.sid).update({ twiml: DIAL }));
    expect(error).toMatchObject({ status: 400, code: 21220 });
  });

  it("refuses a wrong auth token, another account and an unknown call like Twilio", async () => {
    const call = emulator.registerCall({ from: "+15551239999", to: "+15551230000" });
    const wrong = createTwilioRestClient({ accountSid: ACCOUNT, authToken: "x".repeat(32), apiUrl: emulator.url });
    expect(await rejection(wrong.calls(call.sid).update({ twiml: DIAL }))).toMatchObject({ status: 401, code: 20003 });
    const other = `AC${"2".repeat(32)}`;
    const response = await fetch(`${emulator.url}/2010-04-01/Accounts/${other}/Calls/${call.sid}.json`, {
      headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 20404, status: 404, more_info: "https://www.twilio.com/docs/errors/20404" });
    expect(
      await rejection(
        client()
          .calls(`CA${"0".repeat(32)}`)
          .update({ twiml: DIAL }),
      ),
    ).toMatchObject({ status: 404, code: 20404 });
    expect(call.updates).toHaveLength(0);
  });

  it("refuses bad TwiML: relative callback, too long, not XML, not a Response; and bad Url/Status", async () => {
    const call = emulator.registerCall({ from: "+15551239999", to: "+15551230000" });
    const cases: [Record<string, string>, number][] = [
      [{ twiml: '<Response><Dial action="/api/x"><Number>+15551230001</Number></Dial></Response>' }, 15004],
      [{ twiml: `<Response><Say>${"a".repeat(4000)}</Say></Response>` }, 32018],
      [{ twiml: "<Response><Say>unclosed</Response>" }, 12100],
      [{ twiml: "<Dial>+15551230001</Dial>" }, 12100],
      [{ url: "/relative" }, 21205],
      [{ status: "ringing" }, 20001],
      [{}, 20001],
    ];
    for (const [params, code] of cases) {
      const error = await rejection(
        client()
          .calls(call.sid)
          .update(params as never),
      );
      expect({ params, code: error.code, status: error.status }).toEqual({ params, code, status: 400 });
    }
    expect(call.updates).toHaveLength(0);
  });

  it("refuses a JSON body", async () => {
    const call = emulator.registerCall({ from: "+15551239999", to: "+15551230000" });
    const response = await fetch(`${emulator.url}/2010-04-01/Accounts/${ACCOUNT}/Calls/${call.sid}.json`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")}`, "content-type": "application/json" },
      body: JSON.stringify({ Twiml: DIAL }),
    });
    expect(response.status).toBe(400);
    expect(call.updates).toHaveLength(0);
  });
});
