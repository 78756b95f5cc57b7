import { DomainError } from "@/server/errors";

/**
 * The keyset position after a page: the last call's created_at (with Postgres's microseconds,
 * so equal-looking timestamps still order) and its id. Opaque to clients: base64url of
 * "<created_at>|<id>". Anything that does not decode to exactly that is a 422.
 */
export interface CallCursor {
  createdAt: string;
  id: string;
}

const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: CallCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string): CallCursor {
  const invalid = () =>
    new DomainError("invalid_input", "cursor: this is not a cursor from this list. Start again from the first page.", {
      fields: [{ path: "cursor", message: "is not a valid cursor" }],
    });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) throw invalid();
  const [createdAt, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (rest.length > 0 || !createdAt || !id || !CREATED_AT.test(createdAt) || !UUID.test(id)) throw invalid();
  const parsed = new Date(Date.parse(createdAt));
  // Round-trips only for a real calendar date ("2026-02-30" does not).
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 19) !== createdAt.slice(0, 19)) throw invalid();
  return { createdAt, id };
}
