import { z } from "zod";
import { defineEmailTemplate } from "../email-template";

const link = z.url({ protocol: /^https?$/ }).max(2000);
const name = z.string().trim().min(1).max(200);

/** The link of a password reset (valid one hour, single use). */
export const passwordResetEmail = defineEmailTemplate({
  name: "account.password-reset",
  data: z.object({ url: link }).strict(),
  content: {
    en: ({ url }) => ({
      subject: "Reset your Clinicall password",
      greeting: "Hello,",
      paragraphs: ["Someone (we hope you) asked to reset the password of your Clinicall account.", "The link works once, for one hour."],
      action: { label: "Choose a new password", url },
      footnote: "If you did not ask for this, ignore this email: your password stays as it is.",
    }),
    ru: ({ url }) => ({
      subject: "Сброс пароля Clinicall",
      greeting: "Здравствуйте!",
      paragraphs: [
        "Кто-то (надеемся, вы) запросил сброс пароля вашей учётной записи Clinicall.",
        "Ссылка действует один раз в течение часа.",
      ],
      action: { label: "Выбрать новый пароль", url },
      footnote: "Если вы не запрашивали сброс, просто проигнорируйте это письмо: пароль останется прежним.",
    }),
  },
});

/** After a password was changed or reset: the notice to the account's address. */
export const passwordChangedEmail = defineEmailTemplate({
  name: "account.password-changed",
  data: z.object({ url: link }).strict(),
  content: {
    en: ({ url }) => ({
      subject: "Your Clinicall password was changed",
      greeting: "Hello,",
      paragraphs: ["The password of your Clinicall account was just changed, and every other session was signed out."],
      action: { label: "Not you? Reset your password", url },
      footnote: "If you made this change, there is nothing to do.",
    }),
    ru: ({ url }) => ({
      subject: "Пароль Clinicall изменён",
      greeting: "Здравствуйте!",
      paragraphs: ["Пароль вашей учётной записи Clinicall только что изменён, все остальные сеансы завершены."],
      action: { label: "Это не вы? Сбросьте пароль", url },
      footnote: "Если это сделали вы, ничего делать не нужно.",
    }),
  },
});

/** Confirms an address: at sign-up, on request, or the new address of an email change. */
export const verifyEmailEmail = defineEmailTemplate({
  name: "account.verify-email",
  data: z.object({ url: link, change: z.boolean() }).strict(),
  content: {
    en: ({ url, change }) => ({
      subject: change ? "Confirm your new Clinicall email address" : "Confirm your Clinicall email address",
      greeting: "Hello,",
      paragraphs: [
        change
          ? "Confirm this address to make it the one you sign in to Clinicall with. Until then your old address stays in use."
          : "Confirm your email address to invite your team and connect a calendar.",
        "The link works once, for 24 hours.",
      ],
      action: { label: "Confirm this address", url },
      footnote: "If you did not ask for this, ignore this email.",
    }),
    ru: ({ url, change }) => ({
      subject: change ? "Подтвердите новый адрес для Clinicall" : "Подтвердите адрес электронной почты для Clinicall",
      greeting: "Здравствуйте!",
      paragraphs: [
        change
          ? "Подтвердите этот адрес, чтобы входить в Clinicall с ним. До подтверждения действует прежний адрес."
          : "Подтвердите адрес, чтобы приглашать коллег и подключить календарь.",
        "Ссылка действует один раз в течение 24 часов.",
      ],
      action: { label: "Подтвердить адрес", url },
      footnote: "Если вы этого не запрашивали, проигнорируйте письмо.",
    }),
  },
});

/** To the old address when someone asks to move the account to a new one. */
export const emailChangeNoticeEmail = defineEmailTemplate({
  name: "account.email-change-notice",
  data: z.object({ newEmail: z.email().max(254), url: link }).strict(),
  content: {
    en: ({ newEmail, url }) => ({
      subject: "Your Clinicall email address is being changed",
      greeting: "Hello,",
      paragraphs: [
        `Someone signed in to your Clinicall account asked to change its email address to ${newEmail}.`,
        "It changes once that address is confirmed.",
      ],
      action: { label: "Not you? Reset your password", url },
    }),
    ru: ({ newEmail, url }) => ({
      subject: "Адрес электронной почты Clinicall меняется",
      greeting: "Здравствуйте!",
      paragraphs: [
        `В вашей учётной записи Clinicall запрошена смена адреса на ${newEmail}.`,
        "Адрес изменится после подтверждения нового.",
      ],
      action: { label: "Это не вы? Сбросьте пароль", url },
    }),
  },
});

/** An invitation to join a clinic, in the inviter's language. */
export const invitationEmail = defineEmailTemplate({
  name: "account.invitation",
  data: z.object({ url: link, clinicName: name, role: z.enum(["owner", "admin", "member"]) }).strict(),
  content: {
    en: ({ url, clinicName, role }) => ({
      subject: `You are invited to join ${clinicName} on Clinicall`,
      greeting: "Hello,",
      paragraphs: [
        `You are invited to join ${clinicName} on Clinicall as ${role === "admin" ? "an admin" : `a ${role}`}.`,
        "The invitation is valid for 7 days.",
      ],
      action: { label: "Accept the invitation", url },
      footnote: "If you do not know this clinic, ignore this email.",
    }),
    ru: ({ url, clinicName, role }) => ({
      subject: `Приглашение в ${clinicName} в Clinicall`,
      greeting: "Здравствуйте!",
      paragraphs: [
        `Вас приглашают в ${clinicName} в Clinicall (роль: ${{ owner: "владелец", admin: "администратор", member: "сотрудник" }[role]}).`,
        "Приглашение действует 7 дней.",
      ],
      action: { label: "Принять приглашение", url },
      footnote: "Если вы не знаете эту клинику, проигнорируйте письмо.",
    }),
  },
});

/** After two-factor sign-in was turned on or off. */
export const twoFactorChangedEmail = defineEmailTemplate({
  name: "account.two-factor-changed",
  data: z.object({ enabled: z.boolean(), url: link }).strict(),
  content: {
    en: ({ enabled, url }) => ({
      subject: enabled ? "Two-factor sign-in is on" : "Two-factor sign-in is off",
      greeting: "Hello,",
      paragraphs: [
        enabled
          ? "Two-factor sign-in was turned on for your Clinicall account: signing in now asks for a code from your authenticator app."
          : "Two-factor sign-in was turned off for your Clinicall account.",
      ],
      action: { label: "Not you? Reset your password", url },
    }),
    ru: ({ enabled, url }) => ({
      subject: enabled ? "Двухфакторный вход включён" : "Двухфакторный вход выключен",
      greeting: "Здравствуйте!",
      paragraphs: [
        enabled
          ? "Для вашей учётной записи Clinicall включён двухфакторный вход: теперь при входе нужен код из приложения-аутентификатора."
          : "Для вашей учётной записи Clinicall выключен двухфакторный вход.",
      ],
      action: { label: "Это не вы? Сбросьте пароль", url },
    }),
  },
});
