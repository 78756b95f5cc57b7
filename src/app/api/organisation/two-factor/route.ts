import { ClinicTwoFactorInput } from "@/server/account-safety/schemas";
import { setClinicTwoFactor } from "@/server/account-safety/set-clinic-two-factor";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const PUT = withOrg(
  async ({ req, current, org }) => {
    const input = ClinicTwoFactorInput.parse(await readJson(req));
    return json(await setClinicTwoFactor(current, org.id, input.required));
  },
  { role: "owner" },
);
