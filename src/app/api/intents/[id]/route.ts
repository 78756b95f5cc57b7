import { NextResponse } from "next/server";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { deleteIntent } from "@/server/intents/delete-intent";
import { getIntent } from "@/server/intents/get-intent";
import { intentNotFound } from "@/server/intents/intent-json";
import { replaceIntent } from "@/server/intents/replace-intent";
import { Uuid } from "@/server/organisations/schemas";
import { ReplaceIntentInput } from "@/shared/schemas/intents";

function intentId(params: Record<string, string>): string {
  const parsed = Uuid.safeParse(params.id);
  if (!parsed.success) throw intentNotFound();
  return parsed.data;
}

export const GET = withOrg(async ({ params, actor }) => json(await getIntent(actor, intentId(params))));

export const PUT = withOrg(
  async ({ req, params, actor }) => {
    const id = intentId(params);
    const input = ReplaceIntentInput.parse(await readJson(req));
    return json(await replaceIntent(actor, id, input));
  },
  { role: "admin" },
);

export const DELETE = withOrg(
  async ({ params, actor }) => {
    await deleteIntent(actor, intentId(params));
    return new NextResponse(null, { status: 204 });
  },
  { role: "admin" },
);
