import { NextResponse } from "next/server";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { deleteIntent } from "@/server/intents/delete-intent";
import { getIntent } from "@/server/intents/get-intent";
import { intentNotFound } from "@/server/intents/intent-json";
import { replaceIntent } from "@/server/intents/replace-intent";
import { ReplaceIntentInput } from "@/server/intents/schemas";
import { Uuid } from "@/server/organisations/schemas";

function intentId(params: Record<string, string>): string {
  const parsed = Uuid.safeParse(params.id);
  if (!parsed.success) throw intentNotFound();
  return parsed.data;
}

export const GET = withOrg(async ({ params, user, org }) => json(await getIntent(user.id, org.id, intentId(params))));

export const PUT = withOrg(
  async ({ req, params, user, org }) => {
    const id = intentId(params);
    const input = ReplaceIntentInput.parse(await readJson(req));
    return json(await replaceIntent(user.id, org.id, id, input));
  },
  { role: "admin" },
);

export const DELETE = withOrg(
  async ({ params, user, org }) => {
    await deleteIntent(user.id, org.id, intentId(params));
    return new NextResponse(null, { status: 204 });
  },
  { role: "admin" },
);
