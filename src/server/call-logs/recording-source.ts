import type { RecordingUrls } from "@/server/db/schema";

export interface RecordingSource {
  kind: "conversation" | "voicemail";
  /** The provider's URL: read on the server only, never sent to the browser. */
  url: string;
}

/**
 * Which stored audio a call's recording is: the conversation (mono mix first, as it plays
 * anywhere; then Vapi's primary URL; then stereo), else the voicemail the caller left.
 * Only http(s) URLs count.
 */
export function recordingSource(call: {
  recordingUrl: string | null;
  recordingUrls: RecordingUrls | null;
  voicemailUrl: string | null;
}): RecordingSource | null {
  const conversation = [call.recordingUrls?.mono_combined, call.recordingUrl, call.recordingUrls?.stereo].find(isHttpUrl);
  if (conversation) return { kind: "conversation", url: conversation };
  if (isHttpUrl(call.voicemailUrl)) return { kind: "voicemail", url: call.voicemailUrl };
  return null;
}

function isHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
