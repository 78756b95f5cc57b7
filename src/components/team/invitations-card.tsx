"use client";

import { MailX } from "lucide-react";
import { useTranslations } from "next-intl";
import { InvitationStatusBadge } from "@/components/invitations/invitation-status-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { type Invitation, roleLabelKeys } from "@/lib/api-types";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { useFormatters } from "@/lib/formatters";
import type { ApiResource } from "@/lib/use-api-resource";

/** Invitations sent from this clinic with their status; pending ones can be revoked. Admins and owners only. */
export function InvitationsCard({ invitations }: { invitations: ApiResource<Invitation[]> }) {
  const { formatDate, formatRelativeDays } = useFormatters();
  const timeZone = useClinicTimeZone();
  const t = useTranslations();
  const errorText = useApiErrorText();
  async function revoke(invitation: Invitation): Promise<string | null> {
    const result = await apiFetch(`/api/organisation/invitations/${invitation.id}`, { method: "DELETE" });
    if (!result.ok) return errorText(result.error);
    await invitations.reload();
    return null;
  }

  const list = invitations.data;
  return (
    <Card>
      <CardHeader title={t("team.invitations.title")} description={t("team.invitations.description")} />
      <CardContent flush>
        {invitations.error && !list ? (
          <div className="px-5 pb-5">
            <Alert variant="danger">{errorText(invitations.error)}</Alert>
          </div>
        ) : !list ? (
          <SkeletonRows label={t("team.invitations.loading")} />
        ) : list.length === 0 ? (
          <EmptyState
            variant="plain"
            icon={MailX}
            title={t("team.invitations.emptyTitle")}
            description={t("team.invitations.emptyDescription")}
            compact
            titleAs="h3"
            className="border-t border-slate-100"
          />
        ) : (
          <Table aria-label={t("team.invitations.title")}>
            <TableHeader>
              <TableRow>
                <TableHead>{t("team.members.email")}</TableHead>
                <TableHead>{t("team.members.role")}</TableHead>
                <TableHead>{t("team.invitations.status")}</TableHead>
                <TableHead>{t("team.invitations.sent")}</TableHead>
                <TableHead>{t("team.invitations.expires")}</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">{t("team.members.actions")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((invitation) => (
                <TableRow key={invitation.id} data-testid="invitation-row">
                  <TableCell className="font-medium text-slate-900">{invitation.email}</TableCell>
                  <TableCell>
                    <Badge tone={invitation.role === "member" ? "neutral" : "brand"}>{t(roleLabelKeys[invitation.role])}</Badge>
                  </TableCell>
                  <TableCell>
                    <InvitationStatusBadge status={invitation.status} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-slate-500">{formatDate(invitation.created_at, timeZone)}</TableCell>
                  <TableCell className="whitespace-nowrap text-slate-500">
                    {invitation.status === "pending" ? formatRelativeDays(invitation.expires_at) : "—"}
                  </TableCell>
                  <TableCell className="text-right">
                    {invitation.status === "pending" && (
                      <ConfirmDialog
                        trigger={
                          <Button variant="ghost" size="sm" aria-label={t("team.invitations.revokeLabel", { email: invitation.email })}>
                            {t("team.invitations.revoke")}
                          </Button>
                        }
                        title={t("team.invitations.revokeTitle", { email: invitation.email })}
                        description={t("team.invitations.revokeDescription")}
                        confirmLabel={t("team.invitations.revokeConfirm")}
                        destructive
                        onConfirm={() => revoke(invitation)}
                      />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
