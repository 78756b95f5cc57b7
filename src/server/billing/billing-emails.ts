import { z } from "zod";
import { defineEmailTemplate } from "@/server/email/email-template";

const link = z.url({ protocol: /^https?$/ }).max(2000);
const clinic = z.string().trim().min(1).max(200);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** To a clinic's owners: Stripe could not take the payment; calls are answered until `graceEnds`. */
export const paymentFailedEmail = defineEmailTemplate({
  name: "billing.payment-failed",
  data: z.object({ clinic, graceEnds: day, url: link }).strict(),
  content: {
    en: ({ clinic, graceEnds, url }) => ({
      subject: `Payment failed for ${clinic}`,
      greeting: "Hello,",
      paragraphs: [
        `We could not take the payment for ${clinic}'s Clinicall plan.`,
        `Calls are still answered until ${graceEnds}. Update the card before then so the receptionist keeps working.`,
      ],
      action: { label: "Update card", url },
      footnote: "Stripe retries the payment automatically; you can also pay from the billing page.",
    }),
    ru: ({ clinic, graceEnds, url }) => ({
      subject: `Не удалось списать оплату: ${clinic}`,
      greeting: "Здравствуйте!",
      paragraphs: [
        `Нам не удалось списать оплату тарифа Clinicall для клиники «${clinic}».`,
        `Звонки принимаются до ${graceEnds}. Обновите карту до этой даты, чтобы администратор продолжал работать.`,
      ],
      action: { label: "Обновить карту", url },
      footnote: "Stripe повторит списание автоматически; оплатить можно и на странице оплаты.",
    }),
  },
});

/** To a clinic's owners: the trial ends on `trialEnds`. */
export const trialEndingEmail = defineEmailTemplate({
  name: "billing.trial-ending",
  data: z.object({ clinic, trialEnds: day, url: link }).strict(),
  content: {
    en: ({ clinic, trialEnds, url }) => ({
      subject: `${clinic}'s Clinicall trial ends on ${trialEnds}`,
      greeting: "Hello,",
      paragraphs: [
        `The free trial for ${clinic} ends on ${trialEnds}.`,
        "Make sure a card is on file so calls keep being answered after that day.",
      ],
      action: { label: "Open billing", url },
    }),
    ru: ({ clinic, trialEnds, url }) => ({
      subject: `Пробный период Clinicall для «${clinic}» заканчивается ${trialEnds}`,
      greeting: "Здравствуйте!",
      paragraphs: [
        `Бесплатный пробный период клиники «${clinic}» заканчивается ${trialEnds}.`,
        "Проверьте, что карта привязана, чтобы звонки принимались и после этой даты.",
      ],
      action: { label: "Открыть оплату", url },
    }),
  },
});
