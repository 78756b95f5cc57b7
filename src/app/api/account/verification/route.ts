import { resendVerification } from "@/server/account-safety/resend-verification";
import { withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withUser(async ({ user }) => json({ ok: true, ...(await resendVerification(user)) }, 202));
