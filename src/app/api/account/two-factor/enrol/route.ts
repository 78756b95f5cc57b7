import { startTwoFactorEnrolment } from "@/server/account-safety/two-factor-enrolment";
import { withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withUser(async ({ user }) => json(await startTwoFactorEnrolment(user)));
