import { NextResponse } from "next/server";
import { DomainError } from "@/server/errors";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { changeMemberRole } from "@/server/members/change-member-role";
import { removeMember } from "@/server/members/remove-member";
import { ChangeRoleInput, Uuid } from "@/server/organisations/schemas";

function memberId(params: Record<string, string>): string {
  const parsed = Uuid.safeParse(params.user_id);
  if (!parsed.success) throw new DomainError("not_found", "That person is not a member of this clinic.");
  return parsed.data;
}

export const PATCH = withOrg(
  async ({ req, params, actor }) => {
    const input = ChangeRoleInput.parse(await readJson(req));
    return json(await changeMemberRole(actor, memberId(params), input.role));
  },
  { role: "owner" },
);

export const DELETE = withOrg(async ({ params, actor }) => {
  await removeMember(actor, memberId(params));
  return new NextResponse(null, { status: 204 });
});
