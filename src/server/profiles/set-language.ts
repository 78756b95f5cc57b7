import { z } from "zod";
import { locales } from "@/i18n/locales";
import type { CurrentUser } from "@/server/auth/current-user";
import { asAuth } from "@/server/db/access";
import { profiles } from "@/server/db/schema";

export const UpdateMeInput = z.strictObject({
  language: z.enum(locales, { message: "must be en or ru" }),
});
export type UpdateMeInput = z.infer<typeof UpdateMeInput>;

/**
 * Records the dashboard language the person chose (their profile, not a clinic's: it follows them
 * into every clinic). On the auth pool, filtered by the person, like switching clinic: it needs no
 * clinic, so it works on "create your clinic" too. Creates the profile row when it is missing.
 */
export async function setLanguage(current: CurrentUser, input: UpdateMeInput) {
  await asAuth((tx) =>
    tx
      .insert(profiles)
      .values({ id: current.user.id, language: input.language })
      .onConflictDoUpdate({ target: profiles.id, set: { language: input.language } }),
  );
  return { ...current.user, language: input.language };
}
