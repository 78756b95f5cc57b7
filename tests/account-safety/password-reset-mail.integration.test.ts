import { afterAll, describe, expect, it } from "vitest";
import * as resetConfirmRoute from "@/app/api/auth/password-reset/confirm/route";
import * as resetRoute from "@/app/api/auth/password-reset/route";
import { passwordResetRequestJob } from "@/server/account-safety/password-reset-request-job";
import { emailSendJob } from "@/server/email/email-send-job";
import { closeSmtpTransport } from "@/server/email/smtp-transport";
import { signUpOwner, uniqueEmail } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";
import { linkIn, useMailCatcher } from "../helpers/mail-catcher";
import { jobContext, queuedJobs } from "../helpers/queued-jobs";

/**
 * The password reset email goes through the job runner like every other email: the request
 * queues the look-up, the look-up issues the link and queues its `email.send` in one transaction,
 * and a mail server that refuses for a while only delays it. Jobs are run here by hand from
 * pg-boss's table, each delivered more than once, as retries and redeliveries would run them.
 */
const mail = await useMailCatcher();
const test = useTestApp({ jobs: "enqueue", env: () => ({ ...mail.env(), JOBS: "off", DEMO: "0" }) });
afterAll(() => closeSmtpTransport());
const db = () => test.db().db;

describe("the password reset email", () => {
  it("survives a mail server that refuses for a while, and is sent once however often its jobs run", async () => {
    const owner = await signUpOwner("Reset Mail Dental");
    const anonymous = new ApiClient();
    const known = await anonymous.post(resetRoute.POST, "/api/auth/password-reset", { email: owner.email });
    const unknown = await anonymous.post(resetRoute.POST, "/api/auth/password-reset", { email: uniqueEmail() });
    // The same answer either way: nothing says whether the address has an account.
    expect([known.status, known.body]).toEqual([unknown.status, unknown.body]);

    // The look-ups, each delivered twice: one link and one email job for the account, none for the other.
    const lookUps = await queuedJobs(db(), "account.password-reset-request");
    expect(lookUps).toHaveLength(2);
    for (const job of [...lookUps, ...lookUps]) {
      await passwordResetRequestJob.handle(passwordResetRequestJob.payload.parse(job.data), jobContext(job.id));
    }
    const emails = await queuedJobs(db(), "email.send", (data) => data.template === "account.password-reset");
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email!.data).toMatchObject({ to: owner.email, template: "account.password-reset" });
    // The link travels sealed: the job's data holds no URL.
    expect(JSON.stringify(email!.data)).not.toContain("reset-password");

    // The mail server is down for two attempts: each fails (so pg-boss retries it), nothing is lost.
    mail.catcher.refuseNext(2);
    const send = (retryCount: number) => emailSendJob.handle(emailSendJob.payload.parse(email!.data), jobContext(email!.id, retryCount));
    await expect(send(0)).rejects.toThrow(/SMTP send failed/);
    await expect(send(1)).rejects.toThrow(/SMTP send failed/);
    expect(mail.catcher.messages()).toHaveLength(0);
    await send(2);
    const arrived = await mail.catcher.waitFor((message) => message.to.includes(owner.email!));
    // Delivered again after it sent (a crash before pg-boss recorded it done): nothing more is sent.
    await send(3);
    expect(mail.catcher.messages().filter((message) => message.template === "account.password-reset")).toHaveLength(1);

    // The link works: the token was kept while the mail server refused.
    const token = decodeURIComponent(new URL(linkIn(arrived.text)).hash.replace(/^#token=/, ""));
    const confirmed = await anonymous.post(resetConfirmRoute.POST, "/api/auth/password-reset/confirm", {
      token,
      password: "a brand new passphrase 7",
    });
    expect(confirmed.status).toBe(200);
  });
});
