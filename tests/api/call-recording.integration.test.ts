import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as recordingRoute from "@/app/api/call-logs/[id]/recording/route";
import * as callRoute from "@/app/api/call-logs/[id]/route";
import * as listRoute from "@/app/api/call-logs/route";
import * as meRoute from "@/app/api/me/route";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { simulateIncomingCall } from "@/providers/twilio/simulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { calls } from "@/server/db/schema";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";
import { startRouteServer } from "../helpers/route-server";

const TWILIO_TOKEN = "twilio-test-auth-token";
const VAPI_KEY = "vapi-test-key";
const vapi = await startVapiEmulator({ apiKey: VAPI_KEY });
const app = await startRouteServer({ "/api/webhooks/twilio": twilioRoute.POST, "/api/webhooks/vapi": vapiRoute.POST });

/** A stand-in for a recording store on loopback, which the operator lists in RECORDING_ORIGINS. */
const rangeAudio = Buffer.from("RIFF0123456789abcdefWAVEfmt ");
const seenRanges: (string | undefined)[] = [];
const provider = createServer((req, res) => {
  if (req.url === "/html.wav") return res.writeHead(200, { "content-type": "text/html" }).end("<script>alert(1)</script>");
  if (req.url === "/to-metadata.wav") return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
  seenRanges.push(req.headers.range);
  const match = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? "");
  if (!match) return res.writeHead(200, { "content-type": "audio/wav", "content-length": rangeAudio.length }).end(rangeAudio);
  const [start, end] = [Number(match[1]), Number(match[2])];
  res
    .writeHead(206, {
      "content-type": "audio/wav",
      "content-range": `bytes ${start}-${end}/${rangeAudio.length}`,
      "accept-ranges": "bytes",
    })
    .end(rangeAudio.subarray(start, end + 1));
});
let providerConnections = 0;
provider.on("connection", () => providerConnections++);
await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
const providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
const closed = createServer();
await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
await new Promise<void>((resolve) => closed.close(() => resolve()));

afterAll(async () => {
  await vapi.close();
  await app.close();
  await new Promise<void>((resolve) => provider.close(() => resolve()));
});

const test = useTestApp({
  env: () => ({
    PUBLIC_BASE_URL: app.url,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    VAPI_API_KEY: VAPI_KEY,
    VAPI_API_URL: vapi.url,
    VAPI_WEBHOOK_SECRET: "vapi-webhook-secret-for-tests",
    VAPI_PHONE_NUMBER_ID: "vapi-default-number",
    RECORDING_ORIGINS: `${providerUrl},${closedUrl}`,
    DEMO: "0",
  }),
});

/** A clinic that signed up through the API, then a whole call through Twilio and Vapi. */
async function clinicWithAnsweredCall() {
  const owner = await signUpOwner("Harbour Dental");
  const f = createFactories(test.db().db);
  const number = await f.createPhoneNumber({ id: owner.organisationId });
  await f.createIntent(
    { id: owner.organisationId },
    {
      name: "Opening hours",
      examplePhrases: ["when are you open"],
      responseEn: "We are open nine to five on weekdays.",
    },
  );
  const answer = await simulateIncomingCall({ baseUrl: app.url, authToken: TWILIO_TOKEN, to: number.phoneNumber, from: "+447700900123" });
  expect(answer.status).toBe(200);
  const [row] = await test.db().db.select().from(calls).where(eq(calls.organisationId, owner.organisationId));
  await vapi.runConversation(row!.vapiCallId!, { callerSays: ["Hello, when are you open?"] });
  const [call] = await test.db().db.select().from(calls).where(eq(calls.id, row!.id));
  return { ...owner, call: call! };
}

const recording = (client: ApiClient, id: string, headers: Record<string, string> = {}) =>
  client.call(recordingRoute.GET, "GET", `/api/call-logs/${id}/recording`, { params: { id }, headers });

async function rawBytes(client: ApiClient, id: string, headers: Record<string, string> = {}) {
  const h = new Headers(headers);
  if (client.cookie) h.set("cookie", `clinicall_session=${client.cookie}`);
  const { NextRequest } = await import("next/server");
  const res = await recordingRoute.GET(new NextRequest(`http://localhost:3000/api/call-logs/${id}/recording`, { headers: h }), {
    params: Promise.resolve({ id }),
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("GET /api/call-logs/:id/recording", () => {
  it("streams the provider's audio to members of the call's clinic", async () => {
    const { client, call } = await clinicWithAnsweredCall();
    expect(call.recordingUrl).toMatch(new RegExp(`^${vapi.url}/recordings/`));
    const upstream = Buffer.from(await (await fetch(call.recordingUrls!.mono_combined!)).arrayBuffer());

    const { res, bytes } = await rawBytes(client, call.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(bytes.equals(upstream)).toBe(true);
    expect(bytes.subarray(0, 4).toString("ascii")).toBe("RIFF");

    const member = await addTeammate(client, "member");
    expect((await rawBytes(member.client, call.id)).res.status).toBe(200);
  });

  it("passes a Range request on and the provider's partial answer back, so players can seek", async () => {
    seenRanges.length = 0;
    const { client, organisationId } = await signUpOwner();
    const call = await createFactories(test.db().db).createCall({ id: organisationId }, { recordingUrl: `${providerUrl}/a.wav` });
    const ranged = await rawBytes(client, call.id, { range: "bytes=4-9" });
    expect(ranged.res.status).toBe(206);
    expect(ranged.res.headers.get("content-range")).toBe(`bytes 4-9/${rangeAudio.length}`);
    expect(ranged.res.headers.get("accept-ranges")).toBe("bytes");
    expect(ranged.bytes.toString()).toBe("012345");
    const whole = await rawBytes(client, call.id, { range: "bytes=1-2, 5-6" }); // not simple: not passed on
    expect(whole.res.status).toBe(200);
    expect(whole.bytes.equals(rangeAudio)).toBe(true);
    expect(seenRanges).toEqual(["bytes=4-9", undefined]);
  });

  it("fetches only from allowed origins: a stored URL to this machine, the cloud metadata service or another port is never requested", async () => {
    const { client, organisationId } = await signUpOwner();
    const f = createFactories(test.db().db);
    const providerPort = new URL(providerUrl).port;
    const before = providerConnections;
    for (const url of [
      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "http://127.0.0.1:5432/",
      `${app.url}/api/health`,
      `http://2130706433:${Number(providerPort) + 1}/a.wav`,
      `http://[::ffff:127.0.0.1]:${providerPort}/a.wav`,
      `http://localhost:${providerPort}/a.wav`,
      `http://storage.vapi.ai@127.0.0.1:${providerPort}/a.wav`,
      `https://storage.vapi.ai./a.wav`,
    ]) {
      const call = await f.createCall({ id: organisationId }, { recordingUrl: url });
      const res = await recording(client, call.id);
      expect(res.status, url).toBe(502);
      expect(res.body.error.code).toBe("provider_unavailable");
    }
    expect(providerConnections).toBe(before);
    // A redirect from an allowed origin to an address that is not is not followed either.
    const redirected = await f.createCall({ id: organisationId }, { recordingUrl: `${providerUrl}/to-metadata.wav` });
    expect((await recording(client, redirected.id)).status).toBe(502);
  });

  it("never hands the provider's URLs to the browser: not in the list, not in the details", async () => {
    const { client, call } = await clinicWithAnsweredCall();
    const list = await client.get(listRoute.GET, "/api/call-logs");
    const detail = await client.get(callRoute.GET, `/api/call-logs/${call.id}`, { id: call.id });
    expect(detail.status).toBe(200);
    for (const body of [list.body, detail.body]) {
      expect(JSON.stringify(body)).not.toContain(vapi.url);
      expect(JSON.stringify(body)).not.toContain("x-vapi-secret");
    }
    expect(detail.body.recording).toEqual({
      available: true,
      kind: "conversation",
      url: `/api/call-logs/${call.id}/recording`,
      in_clinic_storage: false,
    });
    expect(detail.body.turns[0]).toMatchObject({ speaker: "assistant" });
    expect(detail.body.turns).toContainEqual(expect.objectContaining({ speaker: "caller", text: "Hello, when are you open?" }));
    expect(detail.body.turns).toContainEqual(
      expect.objectContaining({ speaker: "assistant", text: expect.stringContaining("nine to five") }),
    );
    expect(detail.body.ended_reason_explained).toMatchObject({
      code: "customer-ended-call",
      label: "Caller hung up",
      outcome: "completed",
    });
  });

  it("words the explanation in the reader's language: the browser's before a choice, then the profile's", async () => {
    const { client, call } = await clinicWithAnsweredCall();
    const path = `/api/call-logs/${call.id}`;
    const russianBrowser = await client.call(callRoute.GET, "GET", path, {
      params: { id: call.id },
      headers: { "accept-language": "ru-RU,ru;q=0.9" },
    });
    expect(russianBrowser.body.ended_reason_explained).toMatchObject({ code: "customer-ended-call", label: "Звонящий положил трубку" });
    expect((await client.patch(meRoute.PATCH, "/api/me", { language: "en" })).status).toBe(200);
    const chosen = await client.call(callRoute.GET, "GET", path, { params: { id: call.id }, headers: { "accept-language": "ru" } });
    expect(chosen.body.ended_reason_explained.label).toBe("Caller hung up");
  });

  it("refuses other clinics and strangers as if the call did not exist", async () => {
    const { call } = await clinicWithAnsweredCall();
    const other = await signUpOwner("Other Clinic");
    const res = await recording(other.client, call.id);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect((await recording(new ApiClient(), call.id)).status).toBe(401);
    expect((await recording(other.client, "not-an-id")).status).toBe(404);
  });

  it("says 404 when a call has no recording and 502 when the provider cannot send it", async () => {
    const { client, organisationId } = await signUpOwner();
    const f = createFactories(test.db().db);
    const silent = await f.createCall({ id: organisationId });
    expect((await recording(client, silent.id)).status).toBe(404);

    const gone = await f.createCall(
      { id: organisationId },
      { recordingUrl: `${vapi.url}/recordings/00000000-0000-4000-8000-000000000000.wav` },
    );
    const missing = await recording(client, gone.id);
    expect(missing.status).toBe(502);
    expect(missing.body.error.code).toBe("provider_unavailable");

    const unreachable = await f.createCall({ id: organisationId }, { recordingUrl: `${closedUrl}/gone.wav` });
    expect((await recording(client, unreachable.id)).status).toBe(502);
  });

  it("serves only audio from our origin, whatever content type the provider claims", async () => {
    const { client, organisationId } = await signUpOwner();
    const call = await createFactories(test.db().db).createCall({ id: organisationId }, { recordingUrl: `${providerUrl}/html.wav` });
    const { res } = await rawBytes(client, call.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
