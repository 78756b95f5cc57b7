import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { profiles } from "@/server/db/schema";
import type { EmailLanguage } from "@/server/email/email-template";

/**
 * The language a person's emails are written in: the dashboard language on their profile,
 * English when they have not chosen one. Any transaction that can read profiles (asService,
 * asAuth; asUser reads the person's own).
 */
export async function languageOfUser(tx: Db, userId: string): Promise<EmailLanguage> {
  const [row] = await tx.select({ language: profiles.language }).from(profiles).where(eq(profiles.id, userId));
  return row?.language === "ru" ? "ru" : "en";
}
