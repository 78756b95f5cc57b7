import { and, eq } from "drizzle-orm";
import { asUser } from "@/server/db/access";
import { calls } from "@/server/db/schema";
import { AppError } from "@/server/http/errors";
import { log } from "@/server/log";
import { callNotFound } from "./get-call-log";
import { recordingSource } from "./recording-source";

/** How long the provider has to start answering; the body then streams as fast as it comes. */
export const RECORDING_HEADERS_TIMEOUT_MS = 10_000;
const SIMPLE_RANGE = /^bytes=\d*-\d*$/;

/**
 * The call's recording, streamed from the provider through our server to a member of the
 * call's organisation (RLS + organisation filter), so the provider's URL never reaches the
 * browser. A simple `Range: bytes=a-b` is passed on, so players can seek.
 */
export async function streamCallRecording(userId: string, organisationId: string, id: string, req: Request): Promise<Response> {
  const [call] = await asUser({ userId, organisationId }, (tx) =>
    tx
      .select({ recordingUrl: calls.recordingUrl, recordingUrls: calls.recordingUrls, voicemailUrl: calls.voicemailUrl })
      .from(calls)
      .where(and(eq(calls.id, id), eq(calls.organisationId, organisationId))),
  );
  if (!call) throw callNotFound();
  const source = recordingSource(call);
  if (!source) throw new AppError("not_found", "This call has no recording.");

  const upstream = await fetchUpstream(source.url, req);
  if (upstream.status === 416) {
    await upstream.body?.cancel();
    return new Response(null, { status: 416, headers: passHeaders(upstream, ["content-range"]) });
  }
  if (upstream.status !== 200 && upstream.status !== 206) {
    await upstream.body?.cancel();
    log.warn({ callId: id, status: upstream.status }, "recording fetch refused by the provider");
    throw new AppError("provider_unavailable", "The recording could not be fetched from the voice provider. Try again later.");
  }
  const headers = passHeaders(upstream, ["content-length", "content-range", "accept-ranges", "last-modified", "etag"]);
  headers.set("content-type", audioType(upstream.headers.get("content-type")));
  headers.set("content-disposition", `inline; filename="call-${id}${source.kind === "voicemail" ? "-voicemail" : ""}.wav"`);
  headers.set("cache-control", "private, no-store");
  headers.set("x-content-type-options", "nosniff");
  return new Response(upstream.body, { status: upstream.status, headers });
}

async function fetchUpstream(url: string, req: Request): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), RECORDING_HEADERS_TIMEOUT_MS);
  const onClientGone = () => controller.abort();
  req.signal?.addEventListener("abort", onClientGone, { once: true });
  const range = req.headers.get("range");
  try {
    return await fetch(url, {
      headers: range && SIMPLE_RANGE.test(range) ? { range } : {},
      redirect: "follow",
      signal: controller.signal,
    });
  } catch (error) {
    log.warn({ err: (error as Error).name }, "recording fetch failed");
    throw new AppError("provider_unavailable", "The voice provider did not send the recording in time. Try again later.");
  } finally {
    clearTimeout(timer);
  }
}

function passHeaders(upstream: Response, names: string[]): Headers {
  const headers = new Headers();
  for (const name of names) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
}

/** Only audio (or opaque bytes) is served from our origin, whatever the provider claims. */
function audioType(contentType: string | null): string {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type && (type.startsWith("audio/") || type === "application/octet-stream") ? type : "application/octet-stream";
}
