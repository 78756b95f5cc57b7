"use client";

import { LogOut, UserMinus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { type Member, type Role, roleLabelKeys } from "@/lib/api-types";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { useFormatters } from "@/lib/formatters";
import type { ApiResource } from "@/lib/use-api-resource";

export interface MembersCardProps {
  members: ApiResource<Member[]>;
  currentUserId: string;
  /** The viewer's role: owners change roles and remove people; everyone may leave. */
  viewerRole: Role;
  clinicName: string;
}

/** The clinic's members. Owners get a role select and Remove per row; everyone gets Leave on their own row. */
export function MembersCard({ members, currentUserId, viewerRole, clinicName }: MembersCardProps) {
  const { formatDate } = useFormatters();
  const timeZone = useClinicTimeZone();
  const router = useRouter();
  const t = useTranslations();
  const errorText = useApiErrorText();
  const [error, setError] = useState<string | null>(null);
  const [savingId, setSavingId] = useState<string | null>(null);
  const isOwner = viewerRole === "owner";

  async function changeRole(member: Member, role: Role) {
    setError(null);
    setSavingId(member.user_id);
    const result = await apiFetch(`/api/organisation/members/${member.user_id}`, { method: "PATCH", body: { role } });
    setSavingId(null);
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    members.setData((list) => list?.map((m) => (m.user_id === member.user_id ? { ...m, role } : m)) ?? null);
    if (member.user_id === currentUserId) router.refresh(); // the viewer's own role changed: the whole dashboard follows
  }

  async function remove(member: Member): Promise<string | null> {
    const result = await apiFetch(`/api/organisation/members/${member.user_id}`, { method: "DELETE" });
    if (!result.ok) return errorText(result.error);
    if (member.user_id === currentUserId) {
      router.push("/dashboard");
      router.refresh();
    } else {
      await members.reload();
    }
    return null;
  }

  const list = members.data;
  return (
    <Card>
      <CardHeader
        title={t("team.members.title")}
        description={list ? t("team.members.count", { count: list.length, clinic: clinicName }) : undefined}
      />
      {error && (
        <div className="px-5 pt-4">
          <Alert variant="danger">{error}</Alert>
        </div>
      )}
      <CardContent flush>
        {members.error && !list ? (
          <div className="px-5 pb-5">
            <Alert variant="danger">{errorText(members.error)}</Alert>
          </div>
        ) : !list ? (
          <SkeletonRows label={t("team.members.loading")} />
        ) : (
          <Table aria-label={t("team.members.title")}>
            <TableHeader>
              <TableRow>
                <TableHead>{t("team.members.email")}</TableHead>
                <TableHead>{t("team.members.role")}</TableHead>
                <TableHead>{t("team.members.joined")}</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">{t("team.members.actions")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((member) => {
                const isSelf = member.user_id === currentUserId;
                // The only owner cannot leave (the API refuses it): someone else must be made owner first.
                const soleOwner = member.role === "owner" && list.filter((m) => m.role === "owner").length === 1;
                return (
                  <TableRow key={member.user_id} data-testid="member-row">
                    <TableCell className="font-medium text-slate-900">
                      <span className="flex items-center gap-2">
                        <span className="truncate">{member.email}</span>
                        {isSelf && <Badge>{t("team.members.you")}</Badge>}
                      </span>
                    </TableCell>
                    <TableCell className="w-44">
                      {isOwner ? (
                        <Select
                          size="sm"
                          aria-label={t("team.members.roleFor", { email: member.email })}
                          value={member.role}
                          disabled={savingId === member.user_id}
                          onChange={(event) => changeRole(member, event.target.value as Role)}
                          options={(["owner", "admin", "member"] as const).map((role) => ({ value: role, label: t(roleLabelKeys[role]) }))}
                        />
                      ) : (
                        <Badge tone={member.role === "member" ? "neutral" : "brand"}>{t(roleLabelKeys[member.role])}</Badge>
                      )}
                    </TableCell>
                    <TableCell className="whitespace-nowrap text-slate-500">{formatDate(member.joined_at, timeZone)}</TableCell>
                    <TableCell className="text-right">
                      {isSelf && soleOwner ? (
                        <span className="text-xs text-slate-500">{t("team.soleOwnerCannotLeave")}</span>
                      ) : isSelf ? (
                        <ConfirmDialog
                          trigger={
                            <Button variant="ghost" size="sm">
                              <LogOut aria-hidden="true" />
                              {t("team.members.leave")}
                            </Button>
                          }
                          title={t("team.members.leaveTitle", { clinic: clinicName })}
                          description={t("team.members.leaveDescription")}
                          confirmLabel={t("team.members.leaveConfirm")}
                          destructive
                          onConfirm={() => remove(member)}
                        />
                      ) : isOwner ? (
                        <ConfirmDialog
                          trigger={
                            <Button variant="ghost" size="sm" aria-label={t("team.members.removeLabel", { email: member.email })}>
                              <UserMinus aria-hidden="true" />
                              {t("team.members.remove")}
                            </Button>
                          }
                          title={t("team.members.removeTitle", { email: member.email })}
                          description={t("team.members.removeDescription", { clinic: clinicName })}
                          confirmLabel={t("team.members.remove")}
                          destructive
                          onConfirm={() => remove(member)}
                        />
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
