"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useSWRConfig } from "swr";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useApiErrorText } from "@/lib/api-error-text";
import { useApiResource } from "@/lib/use-api-resource";
import { ACCOUNT_API_PATH, type AccountOverview, SESSIONS_PATH } from "./account-types";
import { EmailCard } from "./email-card";
import { NotificationsCard } from "./notifications-card";
import { PasswordCard } from "./password-card";
import { ProfileCard } from "./profile-card";
import { SessionsCard } from "./sessions-card";
import { TwoFactorCard } from "./two-factor-card";

/**
 * The Account page's sections, each its own card and form. They share GET /api/account (loaded
 * by the page on the server, revalidated here) and reload it after a change.
 */
export function AccountSections({ initial }: { initial: AccountOverview }) {
  const t = useTranslations();
  const router = useRouter();
  const errorText = useApiErrorText();
  const { mutate } = useSWRConfig();
  const account = useApiResource<AccountOverview>(ACCOUNT_API_PATH, { fallbackData: initial });
  const data = account.data ?? initial;
  const reload = () => void account.reload();

  return (
    <div className="space-y-6">
      {account.error && (
        <Alert
          variant="danger"
          action={
            <Button size="sm" onClick={reload}>
              {t("account.sessions.retry")}
            </Button>
          }
        >
          {errorText(account.error)}
        </Alert>
      )}
      <ProfileCard
        fullName={data.full_name}
        onSaved={() => {
          reload();
          router.refresh();
        }}
      />
      <EmailCard account={data} onChanged={reload} />
      <PasswordCard
        onChanged={() => {
          reload();
          void mutate(SESSIONS_PATH);
        }}
      />
      <TwoFactorCard
        account={data}
        onChanged={() => {
          reload();
          router.refresh();
        }}
      />
      <SessionsCard />
      <NotificationsCard
        choices={data.email_notifications}
        onSaved={(choices) => account.setData((current) => current && { ...current, email_notifications: choices })}
      />
    </div>
  );
}
