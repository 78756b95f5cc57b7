import { z } from "zod";
import { canonicalTimeZone } from "@/shared/time-zone-name";

export const Email = z
  .string({ message: "Enter an email address." })
  .trim()
  .toLowerCase()
  .max(254, { message: "That email address is too long." })
  .pipe(z.email({ message: "Enter a valid email address, like name@clinic.com." }));

export const Password = z
  .string({ message: "Enter a password." })
  .min(10, { message: "Use at least 10 characters." })
  .max(200, { message: "Use at most 200 characters." });

export const OrganisationName = z
  .string({ message: "Enter your clinic's name." })
  .trim()
  .min(1, { message: "Enter your clinic's name." })
  .max(120, { message: "Keep the clinic's name under 120 characters." });

/**
 * The browser's IANA time zone, sent with a new clinic as the first guess at the clinic's zone.
 * Anything unrecognisable is dropped (the guess falls back to the phone number's country, then UTC)
 * rather than failing a sign-up over a browser's setting.
 */
const BrowserTimeZone = z
  .string()
  .max(64)
  .optional()
  .catch(undefined)
  .transform((name) => (name ? (canonicalTimeZone(name.trim()) ?? undefined) : undefined));

/**
 * A new clinic (`organisation_name`), or joining one through an invitation (`invitation_token`,
 * for the invited email): a person who signs up to accept an invitation gets no clinic of their own.
 */
export const SignUpInput = z
  .object({
    email: Email,
    password: Password,
    organisation_name: OrganisationName.optional(),
    invitation_token: z.string().min(20).max(200).optional(),
    timezone: BrowserTimeZone,
  })
  .superRefine((value, ctx) => {
    if (!value.organisation_name && !value.invitation_token) {
      ctx.addIssue({ code: "custom", path: ["organisation_name"], message: "Enter your clinic's name." });
    }
  });
export type SignUpInput = z.infer<typeof SignUpInput>;

export const LogInInput = z.object({
  email: Email,
  password: z.string({ message: "Enter your password." }).min(1, { message: "Enter your password." }).max(200),
});

export const CompleteSignUpInput = z.object({
  organisation_name: OrganisationName,
  /** true when a person who already belongs to a clinic deliberately creates another one. */
  additional: z.boolean().optional(),
  timezone: BrowserTimeZone,
});
