import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { addPhoneNumber } from "@/server/phone-numbers/add-phone-number";
import { listPhoneNumbers } from "@/server/phone-numbers/list-phone-numbers";
import { AddPhoneNumberInput } from "@/shared/schemas/phone-numbers";

export const GET = withOrg(async ({ actor }) => json(await listPhoneNumbers(actor)));

export const POST = withOrg(
  async ({ req, actor }) => {
    const input = AddPhoneNumberInput.parse(await readJson(req));
    return json(await addPhoneNumber(actor, input), 201);
  },
  { role: "admin" },
);
