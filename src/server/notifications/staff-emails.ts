import { z } from "zod";
import { defineEmailTemplate } from "@/server/email/email-template";

/**
 * Emails to a clinic's members about what callers left (decision 020). They say what happened and
 * who called, never what the caller said (the reason, summary or transcription stay behind the
 * sign-in): an inbox is a weaker place for a patient's words than the dashboard.
 */
const link = z.url({ protocol: /^https?$/ }).max(2000);
const clinic = z.string().trim().min(1).max(200);
const count = z.number().int().min(0).max(1_000_000);

const noticeKinds = ["message", "voicemail", "missed_transfer"] as const;

export const staffNotificationEmail = defineEmailTemplate({
  name: "staff.notification",
  data: z
    .object({
      clinic,
      kind: z.enum(noticeKinds),
      /** The caller's name and/or number as the clinic has it; null when unknown. */
      caller: z.string().trim().min(1).max(260).nullable(),
      urgent: z.boolean(),
      url: link,
    })
    .strict(),
  content: {
    en: ({ clinic, kind, caller, urgent, url }) => {
      const who = caller ?? "an unknown number";
      const what = {
        message: `${urgent ? "An urgent message" : "A new message"} from ${who}`,
        voicemail: `${urgent ? "An urgent voicemail" : "A new voicemail"} from ${who}`,
        missed_transfer: `A call from ${who} was put through to staff and nobody answered`,
      }[kind];
      return {
        subject: `${clinic}: ${kind === "missed_transfer" ? `missed transfer from ${who}` : what.charAt(0).toLowerCase() + what.slice(1)}`,
        greeting: "Hello,",
        paragraphs: [`${what} for ${clinic}.`, "Open it in Clinicall to see the details and mark it done when it is handled."],
        action: { label: kind === "missed_transfer" ? "Open messages" : "Open the message", url },
        footnote: "You get this because your Clinicall account's notification choices include it; change them on your Account page.",
      };
    },
    ru: ({ clinic, kind, caller, urgent, url }) => {
      const who = caller ?? "неизвестного номера";
      const what = {
        message: `${urgent ? "Срочное сообщение" : "Новое сообщение"} от ${who}`,
        voicemail: `${urgent ? "Срочное голосовое сообщение" : "Новое голосовое сообщение"} от ${who}`,
        missed_transfer: `Звонок от ${who} переводили сотрудникам, но никто не ответил`,
      }[kind];
      return {
        subject: `${clinic}: ${kind === "missed_transfer" ? `пропущенный перевод звонка от ${who}` : what.charAt(0).toLowerCase() + what.slice(1)}`,
        greeting: "Здравствуйте!",
        paragraphs: [
          `${what} (клиника «${clinic}»).`,
          "Откройте его в Clinicall, чтобы увидеть подробности, и отметьте выполненным, когда разберётесь.",
        ],
        action: { label: kind === "missed_transfer" ? "Открыть сообщения" : "Открыть сообщение", url },
        footnote:
          "Вы получаете это письмо, потому что оно включено в настройках уведомлений вашей учётной записи; изменить их можно на странице «Учётная запись».",
      };
    },
  },
});

export const dailyDigestEmail = defineEmailTemplate({
  name: "staff.daily-digest",
  data: z
    .object({
      clinic,
      /** The local dates covered, e.g. "2026-12-05" or "2026-12-04 – 2026-12-06". */
      period: z.string().trim().min(10).max(40),
      calls: count,
      bookings: count,
      openMessages: count,
      missedTransfers: count,
      url: link,
    })
    .strict(),
  content: {
    en: ({ clinic, period, calls, bookings, openMessages, missedTransfers, url }) => ({
      subject: `${clinic}: ${calls} ${calls === 1 ? "call" : "calls"}, ${openMessages} open ${openMessages === 1 ? "message" : "messages"}`,
      greeting: "Good morning,",
      paragraphs: [
        `Here is ${clinic}'s summary for ${period}.`,
        `Calls answered: ${calls}. Appointments booked: ${bookings}. Transfers nobody answered: ${missedTransfers}.`,
        openMessages === 0 ? "No messages are waiting." : `Messages waiting for someone: ${openMessages}.`,
      ],
      action: { label: "Open Clinicall", url },
      footnote: "You get this summary each morning the clinic opens; turn it off on your Account page.",
    }),
    ru: ({ clinic, period, calls, bookings, openMessages, missedTransfers, url }) => ({
      subject: `${clinic}: звонков — ${calls}, открытых сообщений — ${openMessages}`,
      greeting: "Доброе утро!",
      paragraphs: [
        `Сводка клиники «${clinic}» за ${period}.`,
        `Принято звонков: ${calls}. Записей на приём: ${bookings}. Переводов без ответа: ${missedTransfers}.`,
        openMessages === 0 ? "Ожидающих сообщений нет." : `Сообщений ждут ответа: ${openMessages}.`,
      ],
      action: { label: "Открыть Clinicall", url },
      footnote: "Эта сводка приходит каждое утро, когда клиника открывается; отключить её можно на странице «Учётная запись».",
    }),
  },
});
