import { eq } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser, type Db } from "@/server/db/access";
import { organisations } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import type { BookingSettingsInput } from "./schemas";

export interface BookingSettingsJson {
  timezone: string;
  buffer_minutes: number;
  min_notice_minutes: number;
  default_duration_minutes: number;
}

const columns = {
  timezone: organisations.timezone,
  buffer_minutes: organisations.bookingBufferMinutes,
  min_notice_minutes: organisations.bookingMinNoticeMinutes,
  default_duration_minutes: organisations.bookingDefaultDurationMinutes,
};

/** The clinic's booking rules, read as the signed-in person. */
export function getBookingSettings(actor: Actor): Promise<BookingSettingsJson> {
  return asUser(actor, (tx) => readBookingSettings(tx, actor.organisationId));
}

async function readBookingSettings(tx: Db, organisationId: string): Promise<BookingSettingsJson> {
  const [row] = await tx.select(columns).from(organisations).where(eq(organisations.id, organisationId));
  if (!row) throw new DomainError("not_found", "This clinic no longer exists.");
  return row;
}

/** Changes the booking rules; the organisation's UPDATE policy (admins) decides. */
export function updateBookingSettings(actor: Actor, input: z.infer<typeof BookingSettingsInput>): Promise<BookingSettingsJson> {
  return asUser(actor, (tx) => writeBookingSettings(tx, actor.organisationId, input));
}

async function writeBookingSettings(
  tx: Db,
  organisationId: string,
  input: z.infer<typeof BookingSettingsInput>,
): Promise<BookingSettingsJson> {
  const changes = {
    ...(input.buffer_minutes !== undefined ? { bookingBufferMinutes: input.buffer_minutes } : {}),
    ...(input.min_notice_minutes !== undefined ? { bookingMinNoticeMinutes: input.min_notice_minutes } : {}),
    ...(input.default_duration_minutes !== undefined ? { bookingDefaultDurationMinutes: input.default_duration_minutes } : {}),
  };
  if (Object.keys(changes).length > 0) {
    const updated = await tx
      .update(organisations)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(organisations.id, organisationId))
      .returning({ id: organisations.id });
    if (updated.length === 0) throw new DomainError("forbidden", "Only an admin or owner can change the booking rules.");
    await recordAudit(tx, { action: "settings.booking_changed", objectType: "organisation", objectId: organisationId, details: input });
  }
  return readBookingSettings(tx, organisationId);
}
