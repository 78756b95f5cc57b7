import { and, eq } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { phoneNumbers } from "@/server/db/schema";
import { phoneNumberNotFound } from "./phone-number-json";

/** Admin or owner. Past calls keep their record; their link to the number is cleared. */
export async function deletePhoneNumber(actor: Actor, id: string): Promise<void> {
  const { organisationId } = actor;
  const deleted = await asUser(actor, async (tx) => {
    const rows = await tx
      .delete(phoneNumbers)
      .where(and(eq(phoneNumbers.id, id), eq(phoneNumbers.organisationId, organisationId)))
      .returning({ id: phoneNumbers.id, phoneNumber: phoneNumbers.phoneNumber });
    if (rows[0]) {
      await recordAudit(tx, {
        action: "phone_number.removed",
        objectType: "phone_number",
        objectId: rows[0].id,
        details: { phone_number: rows[0].phoneNumber },
      });
    }
    return rows;
  });
  if (deleted.length === 0) throw phoneNumberNotFound();
}
