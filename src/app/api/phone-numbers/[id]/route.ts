import { NextResponse } from "next/server";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { Uuid } from "@/server/organisations/schemas";
import { deletePhoneNumber } from "@/server/phone-numbers/delete-phone-number";
import { getPhoneNumber } from "@/server/phone-numbers/get-phone-number";
import { phoneNumberNotFound } from "@/server/phone-numbers/phone-number-json";
import { replacePhoneNumber } from "@/server/phone-numbers/replace-phone-number";
import { ReplacePhoneNumberInput } from "@/shared/schemas/phone-numbers";

function phoneNumberId(params: Record<string, string>): string {
  const parsed = Uuid.safeParse(params.id);
  if (!parsed.success) throw phoneNumberNotFound();
  return parsed.data;
}

export const GET = withOrg(async ({ params, actor }) => json(await getPhoneNumber(actor, phoneNumberId(params))));

export const PUT = withOrg(
  async ({ req, params, actor }) => {
    const id = phoneNumberId(params);
    const input = ReplacePhoneNumberInput.parse(await readJson(req));
    return json(await replacePhoneNumber(actor, id, input));
  },
  { role: "admin" },
);

export const DELETE = withOrg(
  async ({ params, actor }) => {
    await deletePhoneNumber(actor, phoneNumberId(params));
    return new NextResponse(null, { status: 204 });
  },
  { role: "admin" },
);
