"use client";

import { MailPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { apiFetch } from "@/lib/api-client";
import { type Invitation, type Role, roleDescriptionKeys, roleLabelKeys } from "@/lib/api-types";
import { useApiForm } from "@/lib/use-api-form";

export interface InviteFormProps {
  /** The inviter's role: only an owner may invite an owner. */
  inviterRole: Role;
  clinicName: string;
  onInvited: () => void;
}

/**
 * Invite a colleague (POST /api/organisation/invitations). No email is sent yet, so the accept
 * link is shown once, right here, for the inviter to pass on.
 */
export function InviteForm({ inviterRole, clinicName, onInvited }: InviteFormProps) {
  const [created, setCreated] = useState<Invitation | null>(null);
  const t = useTranslations();
  const roles: Role[] = inviterRole === "owner" ? ["member", "admin", "owner"] : ["member", "admin"];
  const form = useApiForm({
    initial: { email: "", role: "member" },
    labels: { email: t("team.invite.email"), role: t("team.members.role") },
    submit: (values) => apiFetch<Invitation>("/api/organisation/invitations", { method: "POST", body: values }),
    onSuccess: (invitation) => {
      setCreated(invitation);
      form.reset({ email: "", role: form.values.role });
      onInvited();
    },
  });

  return (
    <Card>
      <CardHeader title={t("team.invite.title")} description={t("team.invite.description", { clinic: clinicName })} />
      <CardContent className="space-y-5">
        <form
          onSubmit={form.handleSubmit}
          noValidate
          aria-label={t("team.invite.title")}
          className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_11rem_auto] sm:items-start"
        >
          <Field label={t("team.invite.email")} error={form.errors.email}>
            <Input type="email" autoComplete="off" placeholder={t("team.invite.emailPlaceholder")} {...form.register("email")} />
          </Field>
          <Field label={t("team.members.role")} error={form.errors.role}>
            <Select {...form.register("role")} options={roles.map((role) => ({ value: role, label: t(roleLabelKeys[role]) }))} />
          </Field>
          <Button type="submit" variant="primary" loading={form.submitting} className="sm:mt-[1.625rem]">
            {!form.submitting && <MailPlus aria-hidden="true" />}
            {t("team.invite.submit")}
          </Button>
        </form>
        <p className="-mt-2 text-[13px] text-slate-500">
          <span className="font-medium text-slate-700">{t(roleLabelKeys[(form.values.role as Role) ?? "member"])}:</span>{" "}
          {t(roleDescriptionKeys[(form.values.role as Role) ?? "member"])}
        </p>
        {form.formError && <Alert variant="danger">{form.formError}</Alert>}
        {created?.accept_url && (
          <Alert variant="success" title={t("team.invite.createdFor", { email: created.email })}>
            <div className="space-y-3">
              <p>{t("team.invite.copyLink", { email: created.email })}</p>
              <CopyField label={t("team.invite.acceptLink")} value={created.accept_url} />
            </div>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
