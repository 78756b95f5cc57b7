import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { addPhoneNumber } from "@/server/phone-numbers/add-phone-number";
import { listPhoneNumbers } from "@/server/phone-numbers/list-phone-numbers";
import { AddPhoneNumberInput } from "@/server/phone-numbers/schemas";

export const GET = withOrg(async ({ user, org }) => json(await listPhoneNumbers(user.id, org.id)));

export const POST = withOrg(
  async ({ req, user, org }) => {
    const input = AddPhoneNumberInput.parse(await readJson(req));
    return json(await addPhoneNumber(user.id, org.id, input), 201);
  },
  { role: "admin" },
);
