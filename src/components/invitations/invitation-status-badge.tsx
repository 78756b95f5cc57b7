import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { MessageKey } from "@/i18n/keys";
import type { InvitationStatus } from "@/lib/api-types";

const look: Record<InvitationStatus, { tone: BadgeTone; label: MessageKey }> = {
  pending: { tone: "info", label: "invitations.status.pending" },
  accepted: { tone: "success", label: "invitations.status.accepted" },
  revoked: { tone: "neutral", label: "invitations.status.revoked" },
  expired: { tone: "warning", label: "invitations.status.expired" },
};

/** InvitationStatusBadge: pending / accepted / revoked / expired as a coloured badge. */
export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  const { tone, label } = look[status];
  const t = useTranslations();
  return (
    <Badge tone={tone} dot>
      {t(label)}
    </Badge>
  );
}
