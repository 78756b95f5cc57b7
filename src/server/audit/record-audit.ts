import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "@/server/actor";
import { actorOfUserTransaction, asUser, type Db } from "@/server/db/access";
import type { AuditAction } from "@/shared/audit-actions";
import { currentRequestOrigin } from "./request-origin";

export interface AuditEntry {
  action: AuditAction;
  /** What was acted on: "call", "intent", "phone_number", "member", "organisation", ... */
  objectType: string;
  objectId?: string | null;
  /** What changed, without secrets (keys that name one are dropped; see sanitiseAuditDetails). */
  details?: Record<string, unknown>;
  /**
   * Only outside a user transaction (asService / asAuth): the organisation, and the person when
   * one acted. In an asUser transaction both come from the transaction and these must be left out.
   */
  organisationId?: string;
  userId?: string | null;
}

/**
 * Writes one audit row inside the caller's transaction (decision 021), so the row commits or
 * rolls back with the change it describes. The person and organisation come from the asUser
 * transaction (RLS checks both again); the client's address and user agent from the request being
 * served (request-origin.ts; null in jobs). For the service or auth path pass `organisationId`
 * (and `userId` when a person acted).
 */
export async function recordAudit(tx: Db, entry: AuditEntry): Promise<void> {
  const actor = actorOfUserTransaction(tx);
  if (
    actor &&
    ((entry.organisationId && entry.organisationId !== actor.organisationId) || (entry.userId && entry.userId !== actor.userId))
  ) {
    throw new Error("recordAudit: a user transaction records for its own person and organisation only");
  }
  const organisationId = actor?.organisationId ?? entry.organisationId;
  if (!organisationId) throw new Error("recordAudit: no organisation (pass organisationId outside a user transaction)");
  const userId = actor?.userId ?? entry.userId ?? null;
  const { ipAddress, userAgent } = currentRequestOrigin();
  const details = JSON.stringify(sanitiseAuditDetails(entry.details ?? {}));
  await tx.execute(sql`
    insert into public.audit_events (organisation_id, user_id, ip_address, user_agent, action, object_type, object_id, details)
    values (${organisationId}::uuid, ${userId}::uuid, ${ipAddress}, ${userAgent}, ${entry.action}, ${entry.objectType},
            ${entry.objectId ?? null}, ${details}::jsonb)`);
}

/**
 * For reads (a transcript viewed, a recording played, an export): records, in a transaction of its
 * own as the reader, once the read has been served.
 */
export async function recordReadAudit(actor: Actor, entry: Omit<AuditEntry, "organisationId" | "userId">): Promise<void> {
  await asUser(actor, (tx) => recordAudit(tx, entry));
}

const SECRET_KEY =
  /pass(word)?|secret|token|cookie|authori[sz]ation|api[_-]?key|private[_-]?key|signature|hash|cipher|code[_-]?verifier|otp|totp|recovery/i;
const MAX_STRING = 500;
const MAX_ENTRIES = 50;
const MAX_DEPTH = 4;

/**
 * The details as stored: keys that name a secret dropped, strings cut to 500 characters and freed
 * of NULs and lone surrogates, at most 50 entries per level and 4 levels, non-JSON values (functions, undefined,
 * non-finite numbers) left out, dates as ISO strings.
 */
function sanitiseAuditDetails(details: Record<string, unknown>): Record<string, unknown> {
  return clean(details, 0) as Record<string, unknown>;
}

function clean(value: unknown, depth: number): unknown {
  if (value === null) return null;
  // Lone surrogates become U+FFFD: jsonb refuses them (and a cut may split a pair).
  if (typeof value === "string") return value.replaceAll("\u0000", "").slice(0, MAX_STRING).toWellFormed();
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (depth >= MAX_DEPTH || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    return value
      .slice(0, MAX_ENTRIES)
      .map((item) => clean(item, depth + 1))
      .filter((item) => item !== undefined);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, MAX_ENTRIES)) {
    if (SECRET_KEY.test(key)) continue;
    const cleaned = clean(item, depth + 1);
    if (cleaned !== undefined) out[key.replaceAll("\u0000", "").slice(0, 100).toWellFormed()] = cleaned;
  }
  return out;
}
