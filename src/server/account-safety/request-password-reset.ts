import { randomUUID } from "node:crypto";
import { admitPair } from "@/server/auth/login-throttle";
import { asAuth, asAuthStatement } from "@/server/db/access";
import { throttleKeyOfAddress } from "@/server/http/client-address";
import { enqueue } from "@/server/jobs/enqueue";
import { RESET_ADDRESS_RULE, RESET_EMAIL_RULE, throwIfRefused } from "./account-throttle";

/**
 * "Forgot password": answers the same whether or not the address has an account (the route
 * always says 202). The request does the same work either way, one throttle statement and one
 * job insert, and never reads the users table: the `account.password-reset-request` job looks
 * the address up later and, only when it has an account, issues the link and queues the email.
 * Throttled per client address and per email address (429 says only "too many requests").
 */
export async function requestPasswordReset(email: string, clientAddress: string, now: Date = new Date()): Promise<void> {
  const address = throttleKeyOfAddress(clientAddress);
  const decision = await asAuthStatement((db) =>
    admitPair(db, { key: `reset-ip:${address}`, rule: RESET_ADDRESS_RULE }, { key: `reset-email:${email}`, rule: RESET_EMAIL_RULE }, now),
  );
  throwIfRefused(decision, "password reset requests");
  const requestId = randomUUID();
  await asAuth((tx) => enqueue(tx, "account.password-reset-request", { email, requestId }, { key: requestId }));
}
