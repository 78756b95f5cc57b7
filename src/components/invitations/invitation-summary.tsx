import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { type InvitationPreview, roleDescriptionKeys, roleLabelKeys } from "@/lib/api-types";
import { useFormatters } from "@/lib/formatters";
import { InvitationStatusBadge } from "./invitation-status-badge";

/** The facts of an invitation as a definition list: clinic, role, email, status, expiry. */
export function InvitationSummary({ preview }: { preview: InvitationPreview }) {
  const { formatDate } = useFormatters();
  const t = useTranslations();
  const rows = [
    { term: t("invitations.summary.clinic"), value: preview.organisation_name },
    {
      term: t("invitations.summary.role"),
      value: (
        <span className="flex flex-col items-end gap-1">
          <Badge tone="brand">{t(roleLabelKeys[preview.role])}</Badge>
          <span className="text-xs text-slate-500">{t(roleDescriptionKeys[preview.role])}</span>
        </span>
      ),
    },
    { term: t("invitations.summary.email"), value: preview.email },
    { term: t("invitations.summary.status"), value: <InvitationStatusBadge status={preview.status} /> },
    {
      term: preview.status === "expired" ? t("invitations.summary.expired") : t("invitations.summary.expires"),
      value: formatDate(preview.expires_at),
    },
  ];
  return (
    <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm">
      {rows.map((row) => (
        <div key={row.term} className="flex items-start justify-between gap-4 px-4 py-2.5">
          <dt className="shrink-0 text-slate-500">{row.term}</dt>
          <dd className="min-w-0 text-right font-medium break-words text-slate-900">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
