import { createHmac } from "node:crypto";
import { emulatorLog } from "../../emulator-log";
import { stripeId } from "./state";

/**
 * Events and their delivery, signed as Stripe signs them: `Stripe-Signature: t=<unix>,v1=<hex
 * HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint's whsec_ secret>`. Delivery can be held
 * and released in any order, duplicated, delayed or dropped, so tests can prove the app converges.
 */

export interface StripeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface Delivery {
  eventId: string;
  type: string;
  status: number | "error";
  at: number;
}

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

const EMULATED_API_VERSION = "2026-11-18.endive";

export function signPayload(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

type Mode = { kind: "deliver" } | { kind: "hold" };

export class WebhookSender {
  readonly events: StripeEvent[] = [];
  readonly deliveries: Delivery[] = [];
  endpoint: WebhookEndpoint | undefined;
  private mode: Mode = { kind: "deliver" };
  private held: StripeEvent[] = [];
  private dropPlan: ((event: StripeEvent) => boolean)[] = [];
  private duplicateNext = 0;
  private delayMs = 0;
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly nowSeconds: () => number) {}

  /** Creates an event (kept for GET /v1/events) and sends it as the current mode says. */
  emit(type: string, object: unknown, previousAttributes?: Record<string, unknown>): StripeEvent {
    const event: StripeEvent = {
      id: stripeId("evt"),
      object: "event",
      api_version: EMULATED_API_VERSION,
      created: this.nowSeconds(),
      data: { object: structuredClone(object), ...(previousAttributes ? { previous_attributes: previousAttributes } : {}) },
      livemode: false,
      pending_webhooks: this.endpoint ? 1 : 0,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.events.push(event);
    const dropIndex = this.dropPlan.findIndex((matches) => matches(event));
    if (dropIndex >= 0) {
      this.dropPlan.splice(dropIndex, 1);
      emulatorLog.info({ eventId: event.id, type }, "stripe emulator: event dropped on command");
      return event;
    }
    if (this.mode.kind === "hold") this.held.push(event);
    else {
      this.send(event);
      if (this.duplicateNext > 0) {
        this.duplicateNext--;
        this.send(event);
      }
    }
    return event;
  }

  /** Holds every event until `release`. */
  hold(): void {
    this.mode = { kind: "hold" };
  }

  /** Sends the held events, in the order they happened or reversed, or as `order` lists them; then delivers again as they come. */
  release(order: "sent" | "reverse" | ((events: StripeEvent[]) => StripeEvent[]) = "sent"): void {
    const held = this.held;
    this.held = [];
    this.mode = { kind: "deliver" };
    const ordered = order === "sent" ? held : order === "reverse" ? [...held].reverse() : order(held);
    for (const event of ordered) this.send(event);
  }

  heldEvents(): StripeEvent[] {
    return [...this.held];
  }

  /** The next event that matches (by type, or any) is never delivered. */
  drop(type?: string): void {
    this.dropPlan.push((event) => !type || event.type === type);
  }

  /** The next `count` events are each delivered twice. */
  duplicate(count = 1): void {
    this.duplicateNext += count;
  }

  /** Each delivery waits this long first. */
  delay(ms: number): void {
    this.delayMs = Math.max(0, ms);
  }

  /** Sends an event already sent (Stripe's "resend" in the dashboard), e.g. to replay it. */
  resend(eventId: string): void {
    const event = this.events.find((e) => e.id === eventId);
    if (!event) throw new Error(`no such event: ${eventId}`);
    this.send(event);
  }

  /** Resolves once every delivery started so far has been answered. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private send(event: StripeEvent): void {
    const endpoint = this.endpoint;
    if (!endpoint) return;
    const run = (async () => {
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      const payload = JSON.stringify(event, null, 2);
      let status: Delivery["status"] = "error";
      try {
        const response = await fetch(endpoint.url, {
          method: "POST",
          headers: {
            "content-type": "application/json; charset=utf-8",
            "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            "stripe-signature": signPayload(payload, endpoint.secret, this.nowSeconds()),
          },
          body: payload,
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        await response.arrayBuffer().catch(() => undefined);
      } catch (error) {
        emulatorLog.warn(
          { eventId: event.id, type: event.type, err: (error as Error).message },
          "stripe emulator: webhook delivery failed",
        );
      }
      this.deliveries.push({ eventId: event.id, type: event.type, status, at: Date.now() });
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }
}
