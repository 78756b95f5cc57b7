import { sql } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as emailRoute from "@/app/api/account/email/route";
import * as passwordRoute from "@/app/api/account/password/route";
import * as accountRoute from "@/app/api/account/route";
import * as sessionsRoute from "@/app/api/account/sessions/route";
import * as signOutOthersRoute from "@/app/api/account/sessions/sign-out-others/route";
import * as twoFactorConfirmRoute from "@/app/api/account/two-factor/confirm/route";
import * as twoFactorEnrolRoute from "@/app/api/account/two-factor/enrol/route";
import * as verificationRoute from "@/app/api/account/verification/route";
import * as loginRoute from "@/app/api/auth/login/route";
import * as resetConfirmRoute from "@/app/api/auth/password-reset/confirm/route";
import * as resetRoute from "@/app/api/auth/password-reset/route";
import * as twoFactorSignInRoute from "@/app/api/auth/two-factor/route";
import * as verifyEmailRoute from "@/app/api/auth/verify-email/route";
import * as meRoute from "@/app/api/me/route";
import * as invitationsRoute from "@/app/api/organisation/invitations/route";
import * as clinicTwoFactorRoute from "@/app/api/organisation/two-factor/route";
import * as workingHoursRoute from "@/app/api/working-hours/route";
import { confirmPasswordReset } from "@/server/account-safety/confirm-password-reset";
import { closeSmtpTransport } from "@/server/email/smtp-transport";
import { startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { jobDefinitions } from "@/server/jobs/registry";
import { log } from "@/server/log";
import { addTeammate, PASSWORD, signUpOwner, uniqueEmail } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";
import { linkIn, useMailCatcher } from "../helpers/mail-catcher";
import { waitFor } from "../helpers/wait-for";

/**
 * Account safety end to end through the routes, with every email caught by the loopback mail
 * catcher and followed by its link: password reset, address verification and change, change of
 * password, sessions, two-factor sign-in and the clinic's requirement. Every log call made on the
 * way is kept, and none may carry a token, code or password.
 */
const mail = await useMailCatcher();
const test = useTestApp({ env: () => mail.env() });

const logged: string[] = [];
beforeAll(async () => {
  for (const level of ["trace", "debug", "info", "warn", "error", "fatal"] as const) {
    const original = log[level].bind(log);
    vi.spyOn(log, level).mockImplementation(((...args: unknown[]) => {
      logged.push(JSON.stringify(args));
      return (original as (...a: unknown[]) => void)(...args);
    }) as never);
  }
  await startJobRunner({ work: true, handlers: jobDefinitions(), database: test.db(), databaseUrl: test.db().url });
});
afterAll(async () => {
  await stopJobRunner({ timeoutMs: 1_000 });
  closeSmtpTransport();
});

/** Everything secret the test saw; checked against the log at the end. */
const secrets = new Set<string>([PASSWORD]);
const tokenOf = (link: string) => {
  const token = decodeURIComponent(new URL(link).hash.replace(/^#token=/, ""));
  secrets.add(token);
  return token;
};
const emailTo = (address: string, template: string) =>
  mail.catcher.waitFor((m) => m.to.includes(address) && m.template === template, 60_000);

async function pendingJobs(name: string): Promise<number> {
  const { rows } = await test.db().db.execute(sql`select count(*)::int as n from pgboss.job where name = ${name}`);
  return (rows[0] as { n: number }).n;
}

async function verifyOwnAddress(owner: { client: ApiClient; email: string }) {
  const link = linkIn((await emailTo(owner.email, "account.verify-email")).text);
  const res = await owner.client.post(verifyEmailRoute.POST, "/api/auth/verify-email", { token: tokenOf(link) });
  expect(res.status).toBe(200);
}

describe("password reset", () => {
  it("answers an unknown address exactly as a known one, with the same work (one job each), and emails only the known one", async () => {
    const owner = await signUpOwner("Reset Dental");
    const anonymous = new ApiClient();
    const before = await pendingJobs("account.password-reset-request");
    const known = await anonymous.post(resetRoute.POST, "/api/auth/password-reset", { email: owner.email });
    const unknownAddress = uniqueEmail("nobody");
    const unknown = await anonymous.post(resetRoute.POST, "/api/auth/password-reset", { email: unknownAddress });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    // The timing class: neither request reads the users table; each writes one job and nothing else.
    expect(await pendingJobs("account.password-reset-request")).toBe(before + 2);

    const email = await emailTo(owner.email, "account.password-reset");
    expect(email.subject).toBe("Reset your Clinicall password");
    const token = tokenOf(linkIn(email.text));
    // The job for the unknown address has run too, and sent nothing.
    await waitFor("the reset-request jobs to finish", async () => {
      const { rows } = await test
        .db()
        .db.execute(
          sql`select count(*)::int as n from pgboss.job where name = 'account.password-reset-request' and state in ('created', 'retry', 'active')`,
        );
      return (rows[0] as { n: number }).n === 0;
    });
    expect(mail.catcher.messages().some((m) => m.to.includes(unknownAddress))).toBe(false);

    // A second browser signed in before the reset loses its session.
    const other = new ApiClient();
    expect((await other.post(loginRoute.POST, "/api/auth/login", { email: owner.email, password: PASSWORD })).status).toBe(200);
    const newPassword = "a brand new passphrase";
    secrets.add(newPassword);
    const done = await anonymous.post(resetConfirmRoute.POST, "/api/auth/password-reset/confirm", { token, password: newPassword });
    expect(done.status).toBe(200);
    expect((await other.get(accountRoute.GET, "/api/account")).status).toBe(401);
    expect((await owner.client.get(accountRoute.GET, "/api/account")).status).toBe(401);
    expect((await new ApiClient().post(loginRoute.POST, "/api/auth/login", { email: owner.email, password: PASSWORD })).status).toBe(401);
    expect((await new ApiClient().post(loginRoute.POST, "/api/auth/login", { email: owner.email, password: newPassword })).status).toBe(
      200,
    );
    expect((await emailTo(owner.email, "account.password-changed")).subject).toBe("Your Clinicall password was changed");

    // The link works once.
    const again = await anonymous.post(resetConfirmRoute.POST, "/api/auth/password-reset/confirm", {
      token,
      password: "yet another passphrase",
    });
    expect(again.status).toBe(410);
    expect(again.body.error.details.reason).toBe("link_used");
    expect(again.body.error.message).toContain("already used");
  });

  it("refuses an expired link, a made-up one, and one opened while signed in as someone else, saying which", async () => {
    const owner = await signUpOwner("Expiry Dental");
    const someoneElse = await signUpOwner("Other Dental");
    await new ApiClient().post(resetRoute.POST, "/api/auth/password-reset", { email: owner.email });
    const token = tokenOf(linkIn((await emailTo(owner.email, "account.password-reset")).text));

    const wrongAccount = await someoneElse.client.post(resetConfirmRoute.POST, "/api/auth/password-reset/confirm", {
      token,
      password: "another passphrase 1",
    });
    expect(wrongAccount.status).toBe(409);
    expect(wrongAccount.body.error.details.reason).toBe("other_account");

    const madeUp = await new ApiClient().post(resetConfirmRoute.POST, "/api/auth/password-reset/confirm", {
      token: "x".repeat(43),
      password: "another passphrase 2",
    });
    expect(madeUp.status).toBe(404);
    expect(madeUp.body.error.details.reason).toBe("link_invalid");

    const later = new Date(Date.now() + 61 * 60 * 1000);
    await expect(confirmPasswordReset({ token, password: "another passphrase 3" }, null, later)).rejects.toMatchObject({
      code: "gone",
      details: { reason: "link_expired" },
    });
    // Still unused: the refusals changed nothing.
    expect(
      (await new ApiClient().post(resetConfirmRoute.POST, "/api/auth/password-reset/confirm", { token, password: "another passphrase 4" }))
        .status,
    ).toBe(200);
  });

  it("writes to a person in the language on their profile", async () => {
    const owner = await signUpOwner("Russian Dental");
    expect((await owner.client.patch(meRoute.PATCH, "/api/me", { language: "ru" })).status).toBe(200);
    await new ApiClient().post(resetRoute.POST, "/api/auth/password-reset", { email: owner.email });
    const email = await emailTo(owner.email, "account.password-reset");
    expect(email.language).toBe("ru");
    expect(email.subject).toBe("Сброс пароля Clinicall");
    expect(email.text).toContain("Выбрать новый пароль");
    tokenOf(linkIn(email.text));
  });

  it("is throttled per email address", async () => {
    const address = uniqueEmail("throttled");
    const client = new ApiClient();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.post(resetRoute.POST, "/api/auth/password-reset", { email: address })).status);
    expect(statuses.slice(0, 3)).toEqual([202, 202, 202]);
    expect(statuses).toContain(429);
  });
});

describe("email verification and change", () => {
  it("an unconfirmed owner cannot invite until the link is followed; the invitation is emailed and its link still shown", async () => {
    const owner = await signUpOwner("Verify Dental");
    const invitee = uniqueEmail("invitee");
    const refused = await owner.client.post(invitationsRoute.POST, "/api/organisation/invitations", { email: invitee, role: "member" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.reason).toBe("email_unverified");

    const account = await owner.client.get(accountRoute.GET, "/api/account");
    expect(account.body).toMatchObject({ email_verified: false, two_factor_enabled: false });
    await verifyOwnAddress(owner);
    expect((await owner.client.get(accountRoute.GET, "/api/account")).body.email_verified).toBe(true);

    const invited = await owner.client.post(invitationsRoute.POST, "/api/organisation/invitations", { email: invitee, role: "member" });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ emailed: true });
    const email = await emailTo(invitee, "account.invitation");
    expect(email.subject).toBe("You are invited to join Verify Dental on Clinicall");
    expect(linkIn(email.text)).toBe(invited.body.accept_url);
    secrets.add(new URL(invited.body.accept_url).searchParams.get("token")!);

    const resend = await owner.client.post(verificationRoute.POST, "/api/account/verification");
    expect(resend.status).toBe(409);
  });

  it("resends with a cooldown", async () => {
    const owner = await signUpOwner("Cooldown Dental");
    const resend = await owner.client.post(verificationRoute.POST, "/api/account/verification");
    expect(resend.status).toBe(429);
    expect(resend.body.error.details.retry_after_seconds).toBeGreaterThan(0);
  });

  it("a new address takes effect once confirmed, and the old one is told", async () => {
    const owner = await signUpOwner("Move Dental");
    const newAddress = uniqueEmail("moved");
    const wrongPassword = await owner.client.post(emailRoute.POST, "/api/account/email", {
      new_email: newAddress,
      password: "not it at all",
    });
    expect(wrongPassword.status).toBe(422);
    const asked = await owner.client.post(emailRoute.POST, "/api/account/email", { new_email: newAddress, password: PASSWORD });
    expect(asked.status).toBe(202);
    expect((await emailTo(owner.email, "account.email-change-notice")).text).toContain(newAddress);
    // Not yet: the old address still signs in.
    expect((await new ApiClient().post(loginRoute.POST, "/api/auth/login", { email: owner.email, password: PASSWORD })).status).toBe(200);
    const confirm = await emailTo(newAddress, "account.verify-email");
    expect(confirm.subject).toBe("Confirm your new Clinicall email address");
    const res = await new ApiClient().post(verifyEmailRoute.POST, "/api/auth/verify-email", { token: tokenOf(linkIn(confirm.text)) });
    expect(res.body).toEqual({ email: newAddress, changed: true });
    expect((await new ApiClient().post(loginRoute.POST, "/api/auth/login", { email: newAddress, password: PASSWORD })).status).toBe(200);
    expect((await new ApiClient().post(loginRoute.POST, "/api/auth/login", { email: owner.email, password: PASSWORD })).status).toBe(401);
  });
});

describe("password and sessions", () => {
  it("lists sessions with device and address, signs out everywhere else, and changes the password with the current one", async () => {
    const owner = await signUpOwner("Sessions Dental");
    const laptop = new ApiClient();
    await laptop.call(loginRoute.POST, "POST", "/api/auth/login", {
      body: { email: owner.email, password: PASSWORD },
      headers: { "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36" },
    });
    const list = await laptop.get(sessionsRoute.GET, "/api/account/sessions");
    expect(list.body.sessions).toHaveLength(2);
    expect(list.body.sessions.find((s: { current: boolean }) => s.current)).toMatchObject({ device: "Chrome on Windows" });

    const out = await laptop.post(signOutOthersRoute.POST, "/api/account/sessions/sign-out-others");
    expect(out.body).toEqual({ signed_out_sessions: 1 });
    expect((await owner.client.get(accountRoute.GET, "/api/account")).status).toBe(401);

    const wrong = await laptop.post(passwordRoute.POST, "/api/account/password", {
      current_password: "wrong one",
      new_password: "whatever passphrase",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.fields[0].path).toBe("current_password");
    const changed = await laptop.post(passwordRoute.POST, "/api/account/password", {
      current_password: PASSWORD,
      new_password: "changed passphrase 1",
    });
    secrets.add("changed passphrase 1");
    expect(changed.status).toBe(200);
    expect((await laptop.get(accountRoute.GET, "/api/account")).status).toBe(200);
    await emailTo(owner.email, "account.password-changed");
  });
});

describe("two-factor sign-in", () => {
  it("enrols, asks for the code after the password, refuses a wrong or replayed code, and takes each recovery code once", async () => {
    const owner = await signUpOwner("Two Factor Dental");
    const enrol = await owner.client.post(twoFactorEnrolRoute.POST, "/api/account/two-factor/enrol");
    expect(enrol.status).toBe(200);
    expect(enrol.body.qr_code).toMatch(/^data:image\/png;base64,/);
    const secret = enrol.body.secret as string;
    secrets.add(secret);
    const code = (at: number) => {
      const value = generate({ secret, epoch: Math.floor(at / 1000) }) as unknown as Promise<string>;
      return value.then((c) => {
        secrets.add(c);
        return c;
      });
    };
    const wrongConfirm = await owner.client.post(twoFactorConfirmRoute.POST, "/api/account/two-factor/confirm", { code: "000000" });
    expect(wrongConfirm.status).toBe(422);
    const confirmed = await owner.client.post(twoFactorConfirmRoute.POST, "/api/account/two-factor/confirm", {
      code: await code(Date.now()),
    });
    expect(confirmed.status).toBe(200);
    const recovery = confirmed.body.recovery_codes as string[];
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    for (const c of recovery) secrets.add(c);
    const stored = await test.db().db.execute(sql`select code_hash from public.recovery_codes`);
    expect(JSON.stringify(stored.rows)).not.toContain(recovery[0]);
    await emailTo(owner.email, "account.two-factor-changed");

    const signIn = async () => {
      const client = new ApiClient();
      const res = await client.post(loginRoute.POST, "/api/auth/login", { email: owner.email, password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.two_factor_required).toBe(true);
      expect(client.cookie).toBeUndefined();
      secrets.add(res.body.challenge);
      return { client, challenge: res.body.challenge as string };
    };

    // The code of the next step (the enrolment used this one's).
    const next = await code(Date.now() + 30_000);
    const first = await signIn();
    const wrong = await first.client.post(twoFactorSignInRoute.POST, "/api/auth/two-factor", {
      challenge: first.challenge,
      code: "123456" === next ? "654321" : "123456",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.reason).toBe("wrong_code");
    const right = await first.client.post(twoFactorSignInRoute.POST, "/api/auth/two-factor", { challenge: first.challenge, code: next });
    expect(right.status).toBe(200);
    expect((await first.client.get(accountRoute.GET, "/api/account")).body.two_factor_enabled).toBe(true);

    // The same code again, within its window: refused.
    const second = await signIn();
    const replay = await second.client.post(twoFactorSignInRoute.POST, "/api/auth/two-factor", { challenge: second.challenge, code: next });
    expect(replay.status).toBe(422);
    // A recovery code works once.
    const withRecovery = await second.client.post(twoFactorSignInRoute.POST, "/api/auth/two-factor", {
      challenge: second.challenge,
      code: recovery[0]!.toUpperCase(),
    });
    expect(withRecovery.status).toBe(200);
    const third = await signIn();
    const recoveryAgain = await third.client.post(twoFactorSignInRoute.POST, "/api/auth/two-factor", {
      challenge: third.challenge,
      code: recovery[0],
    });
    expect(recoveryAgain.status).toBe(422);
    // The used challenge is closed.
    const reused = await second.client.post(twoFactorSignInRoute.POST, "/api/auth/two-factor", {
      challenge: second.challenge,
      code: recovery[1],
    });
    expect(reused.status).toBe(410);

    // The clinic's requirement: a member without two-factor is sent to enrol first.
    await verifyOwnAddress(owner);
    const member = await addTeammate(first.client, "member");
    expect((await member.client.get(workingHoursRoute.GET, "/api/working-hours")).status).toBe(200);
    const required = await first.client.put(clinicTwoFactorRoute.PUT, "/api/organisation/two-factor", { required: true });
    expect(required.status).toBe(200);
    const blocked = await member.client.get(workingHoursRoute.GET, "/api/working-hours");
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.details.reason).toBe("two_factor_required");
    // Signing in again, the answer tells the log-in page to send them to enrol.
    const memberAgain = await new ApiClient().post(loginRoute.POST, "/api/auth/login", { email: member.email, password: PASSWORD });
    expect(memberAgain.status).toBe(200);
    expect(memberAgain.body.two_factor_enrolment_required).toBe(true);
    // The Account page still works for enrolling.
    expect((await member.client.get(accountRoute.GET, "/api/account")).body.two_factor_required_by).toEqual(["Two Factor Dental"]);
    expect((await first.client.get(workingHoursRoute.GET, "/api/working-hours")).status).toBe(200);
  });
});

describe("the log", () => {
  it("never carries a token, code or password", () => {
    expect(logged.length).toBeGreaterThan(0);
    const all = logged.join("\n");
    for (const secret of secrets) expect(all.includes(secret), `a log line carries ${secret.slice(0, 4)}…`).toBe(false);
  });
});
