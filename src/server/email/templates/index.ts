import { paymentFailedEmail, trialEndingEmail } from "@/server/billing/billing-emails";
import { dailyDigestEmail, staffNotificationEmail } from "@/server/notifications/staff-emails";
import type { EmailTemplate } from "../email-template";
import {
  emailChangeNoticeEmail,
  invitationEmail,
  passwordChangedEmail,
  passwordResetEmail,
  twoFactorChangedEmail,
  verifyEmailEmail,
} from "./account-templates";

/**
 * Every email the product sends, in one place (like the jobs registry): a template not listed
 * here cannot be queued. Add yours as `[myEmail.name]: myEmail` (define it with
 * defineEmailTemplate in a file of your domain or of this folder).
 */
export const emailTemplates = {
  [passwordResetEmail.name]: passwordResetEmail,
  [passwordChangedEmail.name]: passwordChangedEmail,
  [verifyEmailEmail.name]: verifyEmailEmail,
  [emailChangeNoticeEmail.name]: emailChangeNoticeEmail,
  [invitationEmail.name]: invitationEmail,
  [twoFactorChangedEmail.name]: twoFactorChangedEmail,
  [paymentFailedEmail.name]: paymentFailedEmail,
  [trialEndingEmail.name]: trialEndingEmail,
  [staffNotificationEmail.name]: staffNotificationEmail,
  [dailyDigestEmail.name]: dailyDigestEmail,
} as const satisfies Record<string, EmailTemplate>;

export type EmailTemplateName = keyof typeof emailTemplates;

export function isEmailTemplateName(name: string): name is EmailTemplateName {
  return Object.hasOwn(emailTemplates, name);
}
