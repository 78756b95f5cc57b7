import { z } from "zod";
import { locales } from "@/i18n/locales";
import type { CurrentUser } from "@/server/auth/current-user";
import { asAuth } from "@/server/db/access";
import { profiles } from "@/server/db/schema";

/** A person's name as colleagues see it: printable text, at most 120 characters; empty clears it. */
const FullName = z
  .string({ message: "Enter your name as text." })
  .trim()
  .max(120, { message: "Keep your name under 120 characters." })
  .refine((name) => !/\p{Cc}/u.test(name), { message: "Use letters, spaces and punctuation only." });

export const UpdateMeInput = z
  .strictObject({
    language: z.enum(locales, { message: "must be en or ru" }).optional(),
    full_name: FullName.optional(),
  })
  .refine((input) => input.language !== undefined || input.full_name !== undefined, {
    message: "Send language or full_name.",
    path: ["language"],
  });
export type UpdateMeInput = z.infer<typeof UpdateMeInput>;

/**
 * The person's own profile: the dashboard language they chose and their name (their profile, not
 * a clinic's: it follows them into every clinic). On the auth pool, filtered by the person, like
 * switching clinic: it needs no clinic, so it works on "create your clinic" too. Creates the
 * profile row when it is missing; a field not sent keeps its value.
 */
export async function updateProfile(current: CurrentUser, input: UpdateMeInput) {
  const set: { language?: "en" | "ru"; fullName?: string | null } = {};
  if (input.language !== undefined) set.language = input.language;
  if (input.full_name !== undefined) set.fullName = input.full_name || null;
  const [row] = await asAuth((tx) =>
    tx
      .insert(profiles)
      .values({ id: current.user.id, ...set })
      .onConflictDoUpdate({ target: profiles.id, set })
      .returning({ language: profiles.language, fullName: profiles.fullName }),
  );
  return { ...current.user, language: row?.language ?? null, full_name: row?.fullName ?? null };
}
