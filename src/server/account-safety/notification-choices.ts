import { eq, sql } from "drizzle-orm";
import { asAuth, type Db } from "@/server/db/access";
import { accountSecurity } from "@/server/db/schema";
import { NOTIFICATION_KINDS, type NotificationKind } from "./notification-kinds";

/** Whether the person gets `kind` by email (on unless they turned it off). Any transaction. */
export async function wantsEmail(tx: Db, userId: string, kind: NotificationKind): Promise<boolean> {
  const [row] = await tx
    .select({ choices: accountSecurity.emailNotifications })
    .from(accountSecurity)
    .where(eq(accountSecurity.userId, userId));
  return row?.choices?.[kind] !== false;
}

export function notificationChoices(stored: Record<string, boolean> | undefined): Record<NotificationKind, boolean> {
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, stored?.[kind] !== false])) as Record<NotificationKind, boolean>;
}

/** Saves the choices given (kinds not given keep theirs). */
export async function saveNotificationChoices(userId: string, choices: Partial<Record<NotificationKind, boolean>>) {
  const given = JSON.stringify(choices);
  const [row] = await asAuth((tx) =>
    tx
      .insert(accountSecurity)
      .values({ userId, emailNotifications: choices as Record<string, boolean> })
      .onConflictDoUpdate({
        target: accountSecurity.userId,
        set: { emailNotifications: sql`${accountSecurity.emailNotifications} || ${given}::jsonb`, updatedAt: sql`now()` },
      })
      .returning({ choices: accountSecurity.emailNotifications }),
  );
  return { email_notifications: notificationChoices(row?.choices) };
}
