import { NextResponse } from "next/server";
import { DomainError } from "@/server/errors";
import { withOrg } from "@/server/http/handler";
import { revokeInvitation } from "@/server/invitations/revoke-invitation";
import { Uuid } from "@/server/organisations/schemas";

export const DELETE = withOrg(
  async ({ params, actor }) => {
    const id = Uuid.safeParse(params.id);
    if (!id.success) throw new DomainError("not_found", "There is no such invitation in this clinic.");
    await revokeInvitation(actor, id.data);
    return new NextResponse(null, { status: 204 });
  },
  { role: "admin" },
);
