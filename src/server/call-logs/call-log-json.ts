import type { CallStatus } from "@/server/db/schema";

/** One call in the list, the CSV export and the dashboard's recent calls. */
export interface CallLogJson {
  id: string;
  created_at: string;
  from_number: string | null;
  to_number: string | null;
  status: CallStatus;
  ended_reason: string | null;
  duration_seconds: number | null;
  summary: string | null;
  language: string | null;
  appointment_id: string | null;
  /** USD. */
  cost: number | null;
}

export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** A row of listCallsQuery (driver types differ: numeric may be a string, ids are strings). */
export function toCallLogJson(row: Record<string, unknown>): CallLogJson {
  return {
    id: String(row.id),
    created_at: String(row.created_at),
    from_number: text(row.from_number),
    to_number: text(row.to_number),
    status: row.status as CallStatus,
    ended_reason: text(row.ended_reason),
    duration_seconds: numberOrNull(row.duration_seconds),
    summary: text(row.summary),
    language: text(row.language),
    appointment_id: text(row.appointment_id),
    cost: numberOrNull(row.cost),
  };
}
