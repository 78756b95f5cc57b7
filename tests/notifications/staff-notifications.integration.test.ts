import { sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startTwilioEmulator } from "@/providers/twilio/emulator";
import { asService } from "@/server/db/access";
import { emailSendJob } from "@/server/email/email-send-job";
import { closeSmtpTransport } from "@/server/email/smtp-transport";
import { createMessage } from "@/server/messages/create-message";
import { deliverHeldNotifications, deliverStaffNotification } from "@/server/notifications/deliver-staff-notification";
import { notifyStaffJob } from "@/server/notifications/notify-jobs";
import { notifyStaff } from "@/server/notifications/notify-staff";
import { useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";
import { useMailCatcher } from "../helpers/mail-catcher";
import { jobContext, queuedJobs } from "../helpers/queued-jobs";

/**
 * Staff notifications (decision 020) end to end, with the job runner not working: each job is run
 * here by hand from pgboss.job, as a delivery (and a redelivery) would run it, so "exactly once" is
 * proven by running handlers more than once. Emails go over SMTP to the loopback mail catcher,
 * texts through the Twilio REST emulator.
 */
const ACCOUNT = `AC${"5".repeat(32)}`;
const TOKEN = "staff-notify-test-token";
const SERVICE = `MG${"a".repeat(32)}`;
const twilio = await startTwilioEmulator({ accountSid: ACCOUNT, authToken: TOKEN });
twilio.registerMessagingService(SERVICE);
const mail = await useMailCatcher();
const test = useTestApp({
  jobs: "enqueue",
  env: () => ({
    ...mail.env(),
    JOBS: "off",
    DEMO: "0",
    VAPI_API_KEY: "k",
    VAPI_WEBHOOK_SECRET: "s".repeat(24),
    TWILIO_ACCOUNT_SID: ACCOUNT,
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_API_URL: twilio.url,
  }),
});
afterAll(async () => {
  await twilio.settled();
  await twilio.close();
  closeSmtpTransport();
});
const db = () => test.db().db;
const f = () => createFactories(db());

const context = (jobId: string) => jobContext(jobId);
const jobs = (name: string, where?: (data: Record<string, unknown>) => boolean) => queuedJobs(db(), name, where);

/** Runs each email.send job queued since the last call once, as the job runner would; the ids run and failed. */
const ranEmails = new Set<string>();
async function sendQueuedEmails(): Promise<{ ran: string[]; failed: string[] }> {
  const ran: string[] = [];
  const failed: string[] = [];
  for (const job of await jobs("email.send")) {
    if (ranEmails.has(job.id)) continue;
    ran.push(job.id);
    try {
      await emailSendJob.handle(emailSendJob.payload.parse(job.data), context(job.id));
      ranEmails.add(job.id);
    } catch {
      failed.push(job.id);
    }
  }
  return { ran, failed };
}

async function clinic(options: { timezone?: string; quiet?: [string, string] } = {}) {
  const { organisation, owner, admin, member } = await f().createClinic({
    name: "Harbour Dental",
    timezone: options.timezone ?? "Europe/London",
    smsMessagingServiceSid: SERVICE,
  });
  await db().execute(sql`update public.profiles set language = 'ru' where id = ${admin.id}`);
  // The member turned message emails off on their Account page.
  await db().execute(sql`
    insert into public.account_security (user_id, email_notifications) values (${member.id}, '{"messages": false, "daily_digest": false}'::jsonb)
    on conflict (user_id) do update set email_notifications = excluded.email_notifications`);
  const destinations = [
    { name: "Front desk", number: "+447700900101", sms: true },
    { name: "Dr Lee", number: "+447700900102", sms: false },
    { name: "Manager", number: "+447700900103", sms: true },
  ];
  await db().execute(sql`
    insert into public.call_routing (organisation_id, staff_destinations, notify_quiet_start, notify_quiet_end)
    values (${organisation.id}, ${JSON.stringify(destinations)}::jsonb, ${options.quiet?.[0] ?? null}, ${options.quiet?.[1] ?? null})`);
  return { organisation, owner, admin, member };
}

const textsTo = (number: string) => twilio.messaging.messages.filter((message) => message.to === number);

beforeEach(() => {
  mail.catcher.clear();
});

describe("a new message notifies the clinic once", () => {
  it("emails each member who chose it in their language, texts each number that opted in, and nothing twice", async () => {
    const { organisation, owner, admin, member } = await clinic();
    const call = await f().createCall({ id: organisation.id }, { fromNumber: "+447700900555" });
    const { id: messageId } = await asService((tx) =>
      createMessage(tx, {
        organisationId: organisation.id,
        kind: "message",
        sourceKey: `tool:notify-1-${organisation.id}`,
        callId: call.id,
        callerName: "Ann Smith",
        callerNumber: "+447700900555",
        reason: "Needs her prescription renewed",
        urgency: "urgent",
      }),
    );
    // A retried tool call files nothing new and notifies nothing new.
    await asService((tx) =>
      createMessage(tx, { organisationId: organisation.id, kind: "message", sourceKey: `tool:notify-1-${organisation.id}`, reason: "x" }),
    );
    const queued = await jobs("notify.staff", (data) => data.organisationId === organisation.id);
    expect(queued).toHaveLength(1);

    // The job, delivered three times (a retry, a redelivery after a crash).
    for (let i = 0; i < 3; i++) await notifyStaffJob.handle(notifyStaffJob.payload.parse(queued[0]!.data), context(queued[0]!.id));

    expect(textsTo("+447700900101")).toHaveLength(1);
    expect(textsTo("+447700900103")).toHaveLength(1);
    expect(textsTo("+447700900102")).toHaveLength(0);
    const text = textsTo("+447700900101")[0]!;
    expect(text.messagingServiceSid).toBe(SERVICE);
    expect(text.body).toContain("urgent message from Ann Smith, +447700900555");
    expect(text.body).toContain(`/dashboard/messages?message=${messageId}`);
    expect(text.body).not.toContain("prescription");

    // One email job per member who chose it, however often the notice's job ran.
    const emailJobs = await jobs("email.send", (data) => data.template === "staff.notification");
    expect(emailJobs.map((job) => job.data.to).sort()).toEqual([owner.email, admin.email].sort());
    await sendQueuedEmails();
    const english = await mail.catcher.waitFor((email) => email.to.includes(owner.email!), 30_000);
    expect(english.language).toBe("en");
    expect(english.subject).toBe("Harbour Dental: an urgent message from Ann Smith, +447700900555");
    expect(english.text).toContain(`http://localhost:3000/dashboard/messages?message=${messageId}`);
    expect(english.text).not.toContain("prescription");
    const russian = await mail.catcher.waitFor((email) => email.to.includes(admin.email!), 30_000);
    expect(russian.language).toBe("ru");
    expect(russian.subject).toBe("Harbour Dental: срочное сообщение от Ann Smith, +447700900555");
    // The member who turned message emails off gets none; nobody gets two.
    const forClinic = mail.catcher.messages().filter((email) => email.template === "staff.notification");
    expect(forClinic.filter((email) => email.to.includes(member.email!))).toHaveLength(0);
    expect(forClinic.filter((email) => email.to.includes(owner.email!))).toHaveLength(1);
    expect(forClinic.filter((email) => email.to.includes(admin.email!))).toHaveLength(1);

    const { rows } = await db().execute(
      sql`select kind, message_id, deliveries, delivered_at from public.staff_notifications where organisation_id = ${organisation.id}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "message", message_id: messageId, delivered_at: expect.anything() });
    expect(rows[0]!.deliveries).toMatchObject({
      "sms:+447700900101": { status: "sent", sid: expect.stringMatching(/^SM/) },
      "sms:+447700900103": { status: "sent" },
      [`email:${owner.id}`]: { status: "queued" },
      [`email:${admin.id}`]: { status: "queued" },
    });
    expect(Object.keys(rows[0]!.deliveries as object)).not.toContain(`email:${member.id}`);
  });

  it("a voicemail and a missed transfer notify as what they are; a text Twilio refuses is not tried again", async () => {
    const { organisation, owner } = await clinic();
    const call = await f().createCall({ id: organisation.id }, { fromNumber: "+447700900556" });
    // One destination Twilio refuses for good (not a number it can text).
    await db().execute(sql`
      update public.call_routing set staff_destinations = '[{"name":"Desk","number":"+447700900101","sms":true},{"name":"Old","number":"+10","sms":true}]'::jsonb
      where organisation_id = ${organisation.id}`);
    await asService(async (tx) => {
      await createMessage(tx, {
        organisationId: organisation.id,
        kind: "voicemail",
        sourceKey: `voicemail:RE${"1".repeat(32)}`,
        callId: call.id,
        callerNumber: "+447700900556",
      });
      expect((await notifyStaff(tx, { organisationId: organisation.id, kind: "missed_transfer", callId: call.id })).created).toBe(true);
      expect((await notifyStaff(tx, { organisationId: organisation.id, kind: "missed_transfer", callId: call.id })).created).toBe(false);
    });
    const before = twilio.messaging.messages.length;
    for (const job of await jobs("notify.staff", (data) => data.organisationId === organisation.id)) {
      await notifyStaffJob.handle(notifyStaffJob.payload.parse(job.data), context(job.id));
      await notifyStaffJob.handle(notifyStaffJob.payload.parse(job.data), context(job.id));
    }
    expect(twilio.messaging.messages.length - before).toBe(2);
    const bodies = textsTo("+447700900101")
      .slice(-2)
      .map((message) => message.body);
    expect(bodies.some((body) => body.includes("new voicemail from +447700900556"))).toBe(true);
    expect(bodies.some((body) => body.includes("missed transfer: nobody answered +447700900556"))).toBe(true);
    const { rows } = await db().execute(
      sql`select kind, deliveries from public.staff_notifications where organisation_id = ${organisation.id} order by kind`,
    );
    expect(rows.map((row) => row.kind)).toEqual(["missed_transfer", "voicemail"]);
    for (const row of rows) expect((row.deliveries as Record<string, { status: string }>)["sms:+10"]?.status).toBe("failed");

    await sendQueuedEmails();
    const subjects = mail.catcher
      .messages()
      .filter((email) => email.to.includes(owner.email!))
      .map((email) => email.subject)
      .sort();
    expect(subjects).toEqual(["Harbour Dental: a new voicemail from +447700900556", "Harbour Dental: missed transfer from +447700900556"]);
  });
});

describe("a mail server that refuses for a while", () => {
  it("delays the email, loses nothing and sends it once; the texts and the notice do not wait for it", async () => {
    const { organisation, owner, admin } = await clinic();
    await asService((tx) =>
      createMessage(tx, { organisationId: organisation.id, kind: "message", sourceKey: `tool:smtp-down-${organisation.id}`, reason: "r" }),
    );
    const [job] = await jobs("notify.staff", (data) => data.organisationId === organisation.id);
    mail.catcher.refuseNext(3);
    // The notice's job succeeds: its emails are queued, its texts sent; it is delivered.
    await notifyStaffJob.handle(notifyStaffJob.payload.parse(job!.data), context(job!.id));
    const { rows } = await db().execute(sql`select delivered_at from public.staff_notifications where id = ${job!.data.notificationId}`);
    expect(rows[0]!.delivered_at).not.toBeNull();
    // Both emails are refused, then one again on its retry; then the server takes them.
    expect((await sendQueuedEmails()).failed).toHaveLength(2);
    expect((await sendQueuedEmails()).failed).toHaveLength(1);
    expect((await sendQueuedEmails()).failed).toHaveLength(0);
    // A second delivery of the notice's job queues nothing more.
    await notifyStaffJob.handle(notifyStaffJob.payload.parse(job!.data), context(job!.id));
    expect((await sendQueuedEmails()).ran).toEqual([]);
    const notices = mail.catcher.messages().filter((email) => email.template === "staff.notification");
    expect(notices.filter((email) => email.to.includes(owner.email!))).toHaveLength(1);
    expect(notices.filter((email) => email.to.includes(admin.email!))).toHaveLength(1);
  });
});

describe("quiet hours", () => {
  it("hold a notification until they end in the clinic's zone, across the spring DST change, then send it once", async () => {
    const { organisation } = await clinic({ timezone: "America/New_York", quiet: ["22:00", "07:00"] });
    const { id } = await asService((tx) =>
      createMessage(tx, {
        organisationId: organisation.id,
        kind: "message",
        sourceKey: `tool:quiet-${organisation.id}`,
        reason: "Call me",
      }),
    );
    const [notification] = (
      await db().execute(sql`select id from public.staff_notifications where organisation_id = ${organisation.id} and message_id = ${id}`)
    ).rows;
    const notificationId = String(notification!.id);
    const before = twilio.messaging.messages.length;

    // 22:30 on Saturday 7 March 2026 in New York (EST); clocks go forward at 02:00.
    const late = new Date("2026-03-08T03:30:00Z");
    expect((await deliverStaffNotification(organisation.id, notificationId, late)).outcome).toBe("held");
    const heldUntil = async () =>
      (await db().execute(sql`select held_until from public.staff_notifications where id = ${notificationId}`)).rows[0]!.held_until;
    // 07:00 EDT on Sunday is 11:00 UTC (not 12:00: the night was an hour shorter).
    expect(new Date(String(await heldUntil())).toISOString()).toBe("2026-03-08T11:00:00.000Z");
    expect(twilio.messaging.messages.length).toBe(before);
    // A redelivery inside quiet hours holds it again; the sweep leaves it until they end.
    expect((await deliverStaffNotification(organisation.id, notificationId, new Date("2026-03-08T10:59:00Z"))).outcome).toBe("held");
    expect(await deliverHeldNotifications(new Date("2026-03-08T10:59:00Z"))).toBe(0);
    expect(twilio.messaging.messages.length).toBe(before);

    // The sweep after 07:00 sends it once; later sweeps and a late job delivery send nothing.
    const morning = new Date("2026-03-08T11:00:00Z");
    expect(await deliverHeldNotifications(morning)).toBe(1);
    expect(await deliverHeldNotifications(new Date("2026-03-08T11:05:00Z"))).toBe(0);
    expect((await deliverStaffNotification(organisation.id, notificationId, morning)).outcome).toBe("gone");
    expect(twilio.messaging.messages.length - before).toBe(2);
    expect(await heldUntil()).toBeNull();
  });
});

describe("the daily digest", () => {
  async function digestClinic() {
    const { organisation, owner, admin, member } = await clinic({ timezone: "Europe/London" });
    // Open Monday to Friday 09:00–17:00.
    for (const day of [1, 2, 3, 4, 5]) {
      await f().createWorkingHours({ id: organisation.id }, { dayOfWeek: day, opensAt: "09:00", closesAt: "17:00" });
    }
    return { organisation, owner, admin, member };
  }
  const digestRows = async (organisationId: string) =>
    (
      await db().execute(
        sql`select source_key, delivered_at from public.staff_notifications where organisation_id = ${organisationId} and kind = 'digest'`,
      )
    ).rows;

  it("is queued at opening time once per clinic and day, counts the day before, and is sent once", async () => {
    const { sendDueDigests, sendDailyDigest } = await import("@/server/notifications/daily-digest");
    const { organisation, owner, admin, member } = await digestClinic();
    const call = await f().createCall({ id: organisation.id });
    // Tuesday 2026-06-09 in London (BST): yesterday was Monday the 8th.
    const yesterday = "2026-06-08T10:00:00Z";
    await f().createCall({ id: organisation.id }, { createdAt: new Date(yesterday) });
    await f().createAppointment({ id: organisation.id }, { callId: call.id, createdAt: new Date(yesterday) });
    await db().execute(sql`update public.calls set created_at = ${yesterday} where id = ${call.id}`);
    await asService(async (tx) => {
      await createMessage(tx, {
        organisationId: organisation.id,
        kind: "message",
        sourceKey: `tool:digest-${organisation.id}`,
        reason: "r",
      });
      await notifyStaff(tx, { organisationId: organisation.id, kind: "missed_transfer", callId: call.id });
    });
    await db().execute(sql`update public.staff_notifications set created_at = ${yesterday} where organisation_id = ${organisation.id}`);

    // 08:55 BST: not open yet.
    await sendDueDigests(new Date("2026-06-09T07:55:00Z"));
    expect(await digestRows(organisation.id)).toHaveLength(0);
    // 09:00 BST: due and sent; later sweeps that day (and a repeated run) send nothing more.
    await sendDueDigests(new Date("2026-06-09T08:00:00Z"));
    await sendDueDigests(new Date("2026-06-09T08:05:00Z"));
    const written = await digestRows(organisation.id);
    expect(written).toEqual([{ source_key: "digest:2026-06-09", delivered_at: expect.anything() }]);
    expect((await sendDailyDigest(organisation.id, "2026-06-09")).outcome).toBe("already");
    await sendQueuedEmails();
    const english = await mail.catcher.waitFor(
      (email) => email.template === "staff.daily-digest" && email.to.includes(owner.email!),
      30_000,
    );
    expect(english.subject).toBe("Harbour Dental: 2 calls, 1 open message");
    expect(english.text).toContain("summary for 2026-06-08");
    expect(english.text).toContain("Calls answered: 2. Appointments booked: 1. Transfers nobody answered: 1.");
    const russian = await mail.catcher.waitFor(
      (email) => email.template === "staff.daily-digest" && email.to.includes(admin.email!),
      30_000,
    );
    expect(russian.subject).toBe("Harbour Dental: звонков — 2, открытых сообщений — 1");
    const digests = mail.catcher.messages().filter((email) => email.template === "staff.daily-digest");
    // Once each; the member who turned the digest off gets none.
    expect(digests.filter((email) => email.to.includes(owner.email!))).toHaveLength(1);
    expect(digests.filter((email) => email.to.includes(member.email!))).toHaveLength(0);

    await sendDueDigests(new Date("2026-06-09T15:00:00Z"));
    expect((await sendQueuedEmails()).ran).toEqual([]);
    expect(
      mail.catcher.messages().filter((email) => email.template === "staff.daily-digest" && email.to.includes(owner.email!)),
    ).toHaveLength(1);
  });

  it("sends nothing on a quiet day or a closed day; Monday's covers Friday to Sunday", async () => {
    const { sendDueDigests, sendDailyDigest, digestPeriod } = await import("@/server/notifications/daily-digest");
    const { loadOpeningHours } = await import("@/server/working-hours/load-opening-hours");
    const { organisation } = await digestClinic();
    expect(await sendDailyDigest(organisation.id, "2026-06-10")).toEqual({ outcome: "quiet", emails: 0 });
    // Saturday 13 June: closed, no digest.
    await sendDueDigests(new Date("2026-06-13T10:00:00Z"));
    expect((await digestRows(organisation.id)).map((row) => row.source_key)).toEqual(["digest:2026-06-10"]);
    const hours = await asService((tx) => loadOpeningHours(tx, organisation.id));
    expect(digestPeriod(hours, "2026-06-15")).toEqual({ from: "2026-06-12", through: "2026-06-14" });
    expect(digestPeriod(hours, "2026-06-16")).toEqual({ from: "2026-06-15", through: "2026-06-15" });
  });
});
