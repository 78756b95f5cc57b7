import { NextResponse } from "next/server";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { cancelOrganisationErasure, OrganisationErasureInput, requestOrganisationErasure } from "@/server/privacy/organisation-erasure";

export const POST = withOrg(
  async ({ req, actor }) => {
    const input = OrganisationErasureInput.parse(await readJson(req));
    return json(await requestOrganisationErasure(actor, input.confirmation), 202);
  },
  { role: "owner" },
);

export const DELETE = withOrg(
  async ({ actor }) => {
    await cancelOrganisationErasure(actor);
    return new NextResponse(null, { status: 204 });
  },
  { role: "owner" },
);
