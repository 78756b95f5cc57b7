import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { InvitationStatus } from "@/lib/api-types";

const look: Record<InvitationStatus, { tone: BadgeTone; label: string }> = {
  pending: { tone: "info", label: "Pending" },
  accepted: { tone: "success", label: "Accepted" },
  revoked: { tone: "neutral", label: "Revoked" },
  expired: { tone: "warning", label: "Expired" },
};

/** InvitationStatusBadge: pending / accepted / revoked / expired as a coloured badge. */
export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  const { tone, label } = look[status];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}
