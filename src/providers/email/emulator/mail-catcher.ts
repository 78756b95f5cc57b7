import { randomBytes, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One email as the catcher kept it. */
interface CaughtEmail {
  id: string;
  receivedAt: string;
  from: string;
  /** The envelope's recipients (RCPT TO), lower-case. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Content-Language, the language the email says it is in. */
  language: string | null;
  /** X-Clinicall-Template, when the app set it. */
  template: string | null;
  messageId: string | null;
}

export interface MailCatcher {
  /** smtp://user:password@127.0.0.1:<port>: SMTP_URL for the app. */
  smtpUrl: string;
  /** Newest first. */
  messages(): CaughtEmail[];
  /** Resolves with the first email (already caught or arriving later) that matches, or rejects after timeoutMs. */
  waitFor(match: (email: CaughtEmail) => boolean, timeoutMs?: number): Promise<CaughtEmail>;
  clear(): void;
  /**
   * Refuses the next `count` emails with 451 (a temporary failure, at MAIL FROM), as a relay that
   * is down for a while; then takes them again.
   */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

const MAX_KEPT = 200;
const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Demo and test mode's mail server: SMTP on loopback (smtp-server), with a random user and
 * password it requires, keeping the last 200 emails it receives (parsed with mailparser) in
 * memory. Like a real relay it refuses what it should: no AUTH, a wrong password, a recipient
 * that is not an address, a message over 1 MB; and, told to (refuseNext), what it cannot take for
 * now. No TLS: it listens on 127.0.0.1 only.
 */
export async function startMailCatcher(options: { port?: number } = {}): Promise<MailCatcher> {
  const user = "clinicall";
  const password = randomBytes(16).toString("hex");
  const kept: CaughtEmail[] = [];
  const waiters = new Set<{ match: (email: CaughtEmail) => boolean; resolve: (email: CaughtEmail) => void }>();
  let counter = 0;
  let toRefuse = 0;

  const server = new SMTPServer({
    name: "clinicall-mail-catcher",
    banner: "Clinicall mail catcher (demo mode)",
    authMethods: ["PLAIN", "LOGIN"],
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && sameSecret(auth.password ?? "", password)) return callback(null, { user });
      return callback(new Error("Invalid username or password"));
    },
    onMailFrom(_address, _session, callback) {
      if (toRefuse > 0) {
        toRefuse -= 1;
        return callback(Object.assign(new Error("Service not available, try again later"), { responseCode: 451 }));
      }
      return callback();
    },
    onRcptTo(address, _session, callback) {
      if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address.address)) return callback(new Error("Recipient is not an email address"));
      return callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            return callback(Object.assign(new Error("Message exceeds the size limit"), { responseCode: 552 }));
          }
          const header = (name: string) => {
            const value = parsed.headers.get(name);
            return typeof value === "string" ? value : null;
          };
          const email: CaughtEmail = {
            id: `m${++counter}`,
            receivedAt: new Date().toISOString(),
            from: parsed.from?.text ?? String(session.envelope.mailFrom ? session.envelope.mailFrom.address : ""),
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            language: header("content-language"),
            template: header("x-clinicall-template"),
            messageId: parsed.messageId ?? null,
          };
          kept.unshift(email);
          kept.length = Math.min(kept.length, MAX_KEPT);
          for (const waiter of waiters) {
            if (waiter.match(email)) {
              waiters.delete(waiter);
              waiter.resolve(email);
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    smtpUrl: `smtp://${user}:${password}@127.0.0.1:${port}`,
    messages: () => [...kept],
    waitFor(match, timeoutMs = 15_000) {
      const found = kept.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (email: CaughtEmail) => {
            clearTimeout(timer);
            resolve(email);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching email arrived within ${timeoutMs} ms (caught: ${kept.length})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear: () => {
      kept.length = 0;
    },
    refuseNext: (count) => {
      toRefuse = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
