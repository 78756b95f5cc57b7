import { sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asService, asUser } from "@/server/db/access";
import { queueEmail } from "@/server/email/queue-email";
import { closeSmtpTransport } from "@/server/email/smtp-transport";
import { startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { jobDefinitions } from "@/server/jobs/registry";
import { signUpOwner } from "../helpers/accounts";
import { useTestApp, withEnv } from "../helpers/api";
import { linkIn, useMailCatcher } from "../helpers/mail-catcher";

/**
 * The email module end to end: queueEmail inside a transaction → an `email.send` job → the job
 * runner renders the template in the recipient's language → SMTP → the loopback mail catcher.
 */
const mail = await useMailCatcher();
const test = useTestApp({ env: () => mail.env() });

beforeAll(async () => {
  await startJobRunner({ work: true, handlers: jobDefinitions(), database: test.db(), databaseUrl: test.db().url });
});
afterAll(async () => {
  await stopJobRunner({ timeoutMs: 1_000 });
  closeSmtpTransport();
});

const resetUrl = (token: string) => `http://localhost:3000/reset-password#token=${token}`;

describe("email.send", () => {
  it("delivers text and HTML in the recipient's language, with a working link", async () => {
    const token = "tok-ru-SECRETVALUE-1234567890";
    const outcome = await asService((tx) =>
      queueEmail(tx, {
        to: "Olga@Clinic.test",
        template: "account.password-reset",
        language: "ru",
        data: { url: resetUrl(token) },
        key: "reset-ru-1",
      }),
    );
    expect(outcome).toBe("queued");
    const email = await mail.catcher.waitFor((m) => m.to.includes("olga@clinic.test"), 60_000);
    expect(email.subject).toBe("Сброс пароля Clinicall");
    expect(email.language).toBe("ru");
    expect(email.template).toBe("account.password-reset");
    expect(email.from).toContain("no-reply@clinicall.test");
    expect(linkIn(email.text)).toBe(resetUrl(token));
    expect(email.html).toContain(`href="${resetUrl(token)}"`);
    expect(email.html).toContain('lang="ru"');

    // The job table never holds the link in clear: the template data travels sealed.
    const { rows } = await test.db().db.execute(sql`select data::text as data from pgboss.job where name = 'email.send'`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows as { data: string }[]) expect(row.data).not.toContain("SECRETVALUE");
  });

  it("sends once per key: the same key queued again is a duplicate", async () => {
    const send = () =>
      asService((tx) =>
        queueEmail(tx, {
          to: "once@clinic.test",
          template: "account.verify-email",
          language: "en",
          data: { url: "http://localhost:3000/verify-email#token=x", change: false },
          key: "verify-once",
        }),
      );
    expect(await send()).toBe("queued");
    expect(await send()).toBe("duplicate");
    const email = await mail.catcher.waitFor((m) => m.to.includes("once@clinic.test"), 60_000);
    expect(email.subject).toBe("Confirm your Clinicall email address");
    // Give a (wrong) second send every chance to arrive first: a later email proves the queue moved on.
    await asService((tx) =>
      queueEmail(tx, {
        to: "after@clinic.test",
        template: "account.verify-email",
        language: "en",
        data: { url: "http://localhost:3000/x", change: false },
        key: "verify-after",
      }),
    );
    await mail.catcher.waitFor((m) => m.to.includes("after@clinic.test"), 60_000);
    expect(mail.catcher.messages().filter((m) => m.to.includes("once@clinic.test"))).toHaveLength(1);
  });

  it("escapes what a template is given in the HTML", async () => {
    await asService((tx) =>
      queueEmail(tx, {
        to: "escape@clinic.test",
        template: "account.invitation",
        language: "en",
        data: { url: "http://localhost:3000/invitations/abc", clinicName: '<script>alert("x")</script> & Co', role: "admin" },
        key: "invite-escape",
      }),
    );
    const email = await mail.catcher.waitFor((m) => m.to.includes("escape@clinic.test"), 60_000);
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;");
    expect(email.text).toContain('<script>alert("x")</script> & Co');
  });

  it("can be queued from a signed-in person's transaction (asUser)", async () => {
    const owner = await signUpOwner("Queue From User Dental");
    const outcome = await asUser({ userId: owner.userId, organisationId: owner.organisationId }, (tx) =>
      queueEmail(tx, {
        to: "invitee@clinic.test",
        template: "account.invitation",
        language: "en",
        data: { url: "http://localhost:3000/invitations/xyz", clinicName: "Queue From User Dental", role: "member" },
        key: "invite-as-user",
      }),
    );
    expect(outcome).toBe("queued");
    const email = await mail.catcher.waitFor((m) => m.to.includes("invitee@clinic.test"), 60_000);
    expect(email.subject).toBe("You are invited to join Queue From User Dental on Clinicall");
  });

  it("refuses data the template does not take, when it is queued", async () => {
    await expect(
      asService((tx) =>
        queueEmail(tx, {
          to: "x@clinic.test",
          template: "account.password-reset",
          language: "en",
          data: { url: "javascript:alert(1)" },
          key: "bad",
        }),
      ),
    ).rejects.toThrow();
  });

  it("is off without SMTP_URL: nothing is queued", async () => {
    await withEnv({ SMTP_URL: "", EMAIL_FROM: "" }, async () => {
      const outcome = await asService((tx) =>
        queueEmail(tx, {
          to: "off@clinic.test",
          template: "account.password-reset",
          language: "en",
          data: { url: resetUrl("t") },
          key: "off-1",
        }),
      );
      expect(outcome).toBe("off");
    });
  });
});

describe("the mail catcher", () => {
  it("refuses a wrong password and a message without authentication, like a relay", async () => {
    const url = new URL(mail.catcher.smtpUrl);
    const wrong = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port),
      secure: false,
      auth: { user: "clinicall", pass: "wrong" },
    });
    await expect(wrong.sendMail({ from: "a@b.test", to: "c@d.test", subject: "x", text: "y" })).rejects.toThrow(
      /Invalid username or password/,
    );
    const anonymous = nodemailer.createTransport({ host: url.hostname, port: Number(url.port), secure: false });
    await expect(anonymous.sendMail({ from: "a@b.test", to: "c@d.test", subject: "x", text: "y" })).rejects.toThrow();
    wrong.close();
    anonymous.close();
  });
});
