import { DomainError } from "@/server/errors";

/**
 * The keyset position after a page of patients: the last one's last_seen_at (microseconds) and
 * id, base64url of "<last_seen_at>|<id>". Anything else is a 422.
 */
export interface PatientCursor {
  lastSeenAt: string;
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodePatientCursor(cursor: PatientCursor): string {
  return Buffer.from(`${cursor.lastSeenAt}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodePatientCursor(value: string): PatientCursor {
  const invalid = () =>
    new DomainError("invalid_input", "cursor: this is not a cursor from this list. Start again from the first page.", {
      fields: [{ path: "cursor", message: "is not a valid cursor" }],
    });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) throw invalid();
  const [lastSeenAt, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (rest.length > 0 || !lastSeenAt || !id || !AT.test(lastSeenAt) || !UUID.test(id)) throw invalid();
  const parsed = new Date(Date.parse(lastSeenAt));
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 19) !== lastSeenAt.slice(0, 19)) throw invalid();
  return { lastSeenAt, id };
}
