import { z } from "zod";
import { defineJob } from "@/server/jobs/job-definition";
import { handlePasswordResetRequest } from "./handle-password-reset-request";

/**
 * The second half of "forgot password" (request-password-reset.ts), run later so the request
 * does the same work whether or not the address has an account. It sends the email itself
 * (deliver-email.ts): the job registry cannot import what enqueues jobs.
 */
export const passwordResetRequestJob = defineJob({
  name: "account.password-reset-request",
  payload: z.object({ email: z.email().max(254), requestId: z.uuid() }).strict(),
  retry: { limit: 3, delaySeconds: 10, backoff: true },
  timeoutSeconds: 60,
  unique: "perKey",
  handle: (payload, context) => handlePasswordResetRequest(payload, context),
});
