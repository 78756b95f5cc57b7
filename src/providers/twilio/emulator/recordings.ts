import type { ServerResponse } from "node:http";
import { newSid } from "../simulator";
import { notFound } from "./calls";
import { rfc2822, sendJson, sendTwilioError } from "./http";

/**
 * Recordings and their transcriptions, as a call's <Record transcribe> leaves them at Twilio
 * (twilio.com/docs/voice/api/recording, /docs/voice/api/recording-transcription):
 * - `GET …/Recordings/{RE}.json`, `GET …/Transcriptions/{TR}.json`: the resource, 404 (20404) once gone;
 * - `GET …/Recordings/{RE}/Transcriptions.json`: the recording's transcriptions, one page;
 * - `DELETE …/Recordings/{RE}.json`, `DELETE …/Transcriptions/{TR}.json` (and
 *   `…/Recordings/{RE}/Transcriptions/{TR}.json`): 204 with no body, 404 (20404) for one that is not
 *   there (never was, or already deleted). Each accepted deletion is kept in `deletions`.
 * Deleting a recording leaves its transcriptions (Twilio's documentation does not say it takes
 * them): a client deletes them itself. `failDeletes` makes every DELETE answer that status instead.
 */

export interface EmulatedTranscription {
  sid: string;
  recordingSid: string;
  text: string;
  dateCreated: Date;
}

export interface EmulatedRecording {
  sid: string;
  callSid: string;
  durationSeconds: number;
  dateCreated: Date;
}

export interface RecordingsState {
  recordings: EmulatedRecording[];
  transcriptions: EmulatedTranscription[];
  /** Every accepted DELETE, in order. */
  deletions: { resource: "recording" | "transcription"; sid: string; at: Date }[];
  /** When set, every DELETE answers this status (e.g. 500 or 503) and deletes nothing. */
  failDeletes: number | false;
}

export function newRecordingsState(): RecordingsState {
  return { recordings: [], transcriptions: [], deletions: [], failDeletes: false };
}

export interface RecordingInput {
  sid?: string;
  callSid: string;
  seconds: number;
  /** A transcription of it (as `<Record transcribe>` makes one). */
  transcription?: { sid?: string; text: string };
}

export function addRecording(
  state: RecordingsState,
  input: RecordingInput,
): { recording: EmulatedRecording; transcription?: EmulatedTranscription } {
  const now = new Date();
  const sid = input.sid ?? newSid("RE");
  let recording = state.recordings.find((candidate) => candidate.sid === sid);
  if (!recording) {
    recording = { sid, callSid: input.callSid, durationSeconds: input.seconds, dateCreated: now };
    state.recordings.push(recording);
  }
  if (!input.transcription) return { recording };
  const transcriptionSid = input.transcription.sid ?? newSid("TR");
  let transcription = state.transcriptions.find((candidate) => candidate.sid === transcriptionSid);
  if (!transcription) {
    transcription = { sid: transcriptionSid, recordingSid: sid, text: input.transcription.text, dateCreated: now };
    state.transcriptions.push(transcription);
  }
  return { recording, transcription };
}

const RECORDING = /^\/Recordings\/(RE[0-9a-fA-F]{32})\.json$/;
const RECORDING_TRANSCRIPTIONS = /^\/Recordings\/(RE[0-9a-fA-F]{32})\/Transcriptions\.json$/;
const TRANSCRIPTION = /^(?:\/Recordings\/(RE[0-9a-fA-F]{32}))?\/Transcriptions\/(TR[0-9a-fA-F]{32})\.json$/;

/** Answers a Recordings/Transcriptions request (the status sent), or undefined when `resource` is neither. */
export function routeRecordings(
  res: ServerResponse,
  state: RecordingsState,
  account: { sid: string },
  method: string,
  resource: string,
  path: string,
): number | undefined {
  const recordingMatch = RECORDING.exec(resource);
  if (recordingMatch) {
    const recording = state.recordings.find((candidate) => candidate.sid === recordingMatch[1]);
    if (method === "GET") {
      if (!recording) return notFound(res, path);
      sendJson(res, 200, recordingResource(account.sid, recording));
      return 200;
    }
    if (method === "DELETE") {
      if (state.failDeletes) return failed(res, state.failDeletes);
      if (!recording) return notFound(res, path);
      state.recordings.splice(state.recordings.indexOf(recording), 1);
      state.deletions.push({ resource: "recording", sid: recording.sid, at: new Date() });
      return noContent(res);
    }
    return undefined;
  }
  const listMatch = RECORDING_TRANSCRIPTIONS.exec(resource);
  if (listMatch && method === "GET") {
    const items = state.transcriptions.filter((t) => t.recordingSid === listMatch[1]);
    const uri = `/2010-04-01/Accounts/${account.sid}/Recordings/${listMatch[1]}/Transcriptions.json`;
    sendJson(res, 200, {
      transcriptions: items.map((t) => transcriptionResource(account.sid, t)),
      first_page_uri: `${uri}?PageSize=50&Page=0`,
      next_page_uri: null,
      previous_page_uri: null,
      page: 0,
      page_size: 50,
      start: 0,
      end: Math.max(0, items.length - 1),
      uri: `${uri}?PageSize=50&Page=0`,
    });
    return 200;
  }
  const transcriptionMatch = TRANSCRIPTION.exec(resource);
  if (transcriptionMatch) {
    const transcription = state.transcriptions.find(
      (candidate) =>
        candidate.sid === transcriptionMatch[2] &&
        (transcriptionMatch[1] === undefined || candidate.recordingSid === transcriptionMatch[1]),
    );
    if (method === "GET") {
      if (!transcription) return notFound(res, path);
      sendJson(res, 200, transcriptionResource(account.sid, transcription));
      return 200;
    }
    if (method === "DELETE") {
      if (state.failDeletes) return failed(res, state.failDeletes);
      if (!transcription) return notFound(res, path);
      state.transcriptions.splice(state.transcriptions.indexOf(transcription), 1);
      state.deletions.push({ resource: "transcription", sid: transcription.sid, at: new Date() });
      return noContent(res);
    }
  }
  return undefined;
}

function noContent(res: ServerResponse): number {
  res.writeHead(204);
  res.end();
  return 204;
}

function failed(res: ServerResponse, status: number): number {
  sendTwilioError(res, status, 20500, "Internal Server Error");
  return status;
}

export function recordingResource(accountSid: string, recording: EmulatedRecording): Record<string, unknown> {
  const uri = `/2010-04-01/Accounts/${accountSid}/Recordings/${recording.sid}.json`;
  return {
    sid: recording.sid,
    account_sid: accountSid,
    call_sid: recording.callSid,
    conference_sid: null,
    api_version: "2010-04-01",
    date_created: rfc2822(recording.dateCreated),
    date_updated: rfc2822(recording.dateCreated),
    start_time: rfc2822(recording.dateCreated),
    duration: String(recording.durationSeconds),
    channels: 1,
    source: "RecordVerb",
    status: "completed",
    price: null,
    price_unit: "USD",
    error_code: null,
    uri,
    subresource_uris: { transcriptions: uri.replace(/\.json$/, "/Transcriptions.json") },
  };
}

function transcriptionResource(accountSid: string, transcription: EmulatedTranscription): Record<string, unknown> {
  return {
    sid: transcription.sid,
    account_sid: accountSid,
    recording_sid: transcription.recordingSid,
    api_version: "2010-04-01",
    date_created: rfc2822(transcription.dateCreated),
    date_updated: rfc2822(transcription.dateCreated),
    duration: null,
    price: null,
    price_unit: "USD",
    status: "completed",
    transcription_text: transcription.text,
    type: "fast",
    uri: `/2010-04-01/Accounts/${accountSid}/Transcriptions/${transcription.sid}.json`,
  };
}
