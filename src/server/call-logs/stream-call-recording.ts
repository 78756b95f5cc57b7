import { and, eq } from "drizzle-orm";
import { recordReadAudit } from "@/server/audit/record-audit";
import { getConfig } from "@/server/config";
import { type Actor, asUser } from "@/server/db/access";
import { calls } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { log } from "@/server/log";
import { guardedFetch } from "@/server/outbound/guarded-fetch";
import { OutboundError } from "@/server/outbound/outbound-errors";
import { callNotFound } from "./get-call-log";
import { recordingSource } from "./recording-source";

/** How long the provider has to start answering. */
const RECORDING_HEADERS_TIMEOUT_MS = 10_000;
/** The whole transfer, body included (a slow drip is cut here). */
const RECORDING_TOTAL_TIMEOUT_MS = 300_000;
/** A 30-minute stereo 16 kHz WAV is about 115 MB. */
const RECORDING_MAX_BYTES = 256 * 1024 * 1024;
/** Redirects followed, each re-checked against the allowed origins. */
const RECORDING_MAX_REDIRECTS = 3;
const SIMPLE_RANGE = /^bytes=\d*-\d*$/;
/** A request for the start of the recording: a player starting (its seeks ask for later bytes). */
const FROM_THE_START = /^bytes=0-\d*$/;

/**
 * The call's recording, streamed from the provider through our server to a member of the
 * call's organisation (RLS + organisation filter), so the provider's URL never reaches the
 * browser. A simple `Range: bytes=a-b` is passed on, so players can seek.
 */
export async function streamCallRecording(actor: Actor, id: string, req: Request): Promise<Response> {
  const { organisationId } = actor;
  const [call] = await asUser(actor, (tx) =>
    tx
      .select({ recordingUrl: calls.recordingUrl, recordingUrls: calls.recordingUrls, voicemailUrl: calls.voicemailUrl })
      .from(calls)
      .where(and(eq(calls.id, id), eq(calls.organisationId, organisationId))),
  );
  if (!call) throw callNotFound();
  const source = recordingSource(call);
  if (!source) throw new DomainError("not_found", "This call has no recording.");

  const upstream = await fetchUpstream(source.url, req);
  if (upstream.status === 416) {
    await upstream.body?.cancel();
    return new Response(null, { status: 416, headers: passHeaders(upstream, ["content-range"]) });
  }
  if (upstream.status !== 200 && upstream.status !== 206) {
    await upstream.body?.cancel();
    log.warn({ callId: id, status: upstream.status }, "recording fetch refused by the provider");
    throw new DomainError("provider_unavailable", "The recording could not be fetched from the voice provider. Try again later.");
  }
  const download = new URL(req.url).searchParams.get("download") === "1";
  const range = req.headers.get("range");
  // One audit row per play or download, not per seek (decision 021).
  if (download || !range || FROM_THE_START.test(range)) {
    try {
      await recordReadAudit(actor, {
        action: download ? "call.recording_downloaded" : "call.recording_played",
        objectType: "call",
        objectId: id,
        details: { kind: source.kind },
      });
    } catch (error) {
      await upstream.body?.cancel();
      throw error;
    }
  }
  const headers = passHeaders(upstream, ["content-length", "content-range", "accept-ranges", "last-modified", "etag"]);
  headers.set("content-type", audioType(upstream.headers.get("content-type")));
  headers.set(
    "content-disposition",
    `${download ? "attachment" : "inline"}; filename="call-${id}${source.kind === "voicemail" ? "-voicemail" : ""}.wav"`,
  );
  headers.set("cache-control", "private, no-store");
  headers.set("x-content-type-options", "nosniff");
  return new Response(upstream.body, { status: upstream.status, headers });
}

/** Through the outbound guard only: allowed origins, public addresses, capped size and time. */
async function fetchUpstream(url: string, req: Request): Promise<Response> {
  const range = req.headers.get("range");
  try {
    return await guardedFetch(url, {
      origins: getConfig().recordingOrigins,
      headers: range && SIMPLE_RANGE.test(range) ? { range } : {},
      signal: req.signal,
      maxBytes: RECORDING_MAX_BYTES,
      headersTimeoutMs: RECORDING_HEADERS_TIMEOUT_MS,
      totalTimeoutMs: RECORDING_TOTAL_TIMEOUT_MS,
      maxRedirects: RECORDING_MAX_REDIRECTS,
    });
  } catch (error) {
    const reason = error instanceof OutboundError ? `${error.kind}: ${error.reason}` : (error as Error).name;
    log.warn({ reason }, "recording fetch failed");
    throw new DomainError("provider_unavailable", "The recording could not be fetched from the voice provider. Try again later.");
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
