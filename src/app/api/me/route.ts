import { withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withUser(async ({ current }) =>
  json({
    user: current.user,
    organisations: current.organisations,
    current_organisation_id: current.organisation?.id ?? null,
  }),
);
