import { z } from "zod";
import { Email, Password } from "@/server/accounts/schemas";
import { NOTIFICATION_KINDS } from "./notification-kinds";

const Token = z.string({ message: "The link is incomplete." }).min(20, { message: "The link is incomplete." }).max(200);
const Code = z
  .string({ message: "Enter the code." })
  .trim()
  .min(6, { message: "Enter the 6-digit code, or a recovery code." })
  .max(20, { message: "Enter the 6-digit code, or a recovery code." });

export const PasswordResetInput = z.object({ email: Email });
export const PasswordResetCheckInput = z.object({ token: Token });
export const PasswordResetConfirmInput = z.object({ token: Token, password: Password });
export const VerifyEmailInput = z.object({ token: Token });
export const TwoFactorSignInInput = z.object({ challenge: Token, code: Code });
export const ChangePasswordInput = z.object({
  current_password: z.string({ message: "Enter your current password." }).min(1, { message: "Enter your current password." }).max(200),
  new_password: Password,
});
export const ChangeEmailInput = z.object({
  new_email: Email,
  password: z.string({ message: "Enter your password." }).min(1, { message: "Enter your password." }).max(200),
});
export const TwoFactorConfirmInput = z.object({ code: Code });
export const TwoFactorDisableInput = z.object({
  password: z.string({ message: "Enter your password." }).min(1, { message: "Enter your password." }).max(200),
});
export const NotificationChoicesInput = z.object({
  email_notifications: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.boolean()),
});
export const ClinicTwoFactorInput = z.object({ required: z.boolean() });
