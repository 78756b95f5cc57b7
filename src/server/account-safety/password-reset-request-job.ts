import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes } from "@/server/jobs/job-types";
import { handlePasswordResetRequest } from "./handle-password-reset-request";

/**
 * The second half of "forgot password" (request-password-reset.ts), run later so the request
 * does the same work whether or not the address has an account. It queues the email (email.send).
 */
export const passwordResetRequestJob = defineJob(jobTypes["account.password-reset-request"], (payload) =>
  handlePasswordResetRequest(payload),
);
