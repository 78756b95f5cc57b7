import { BoundedSlots } from "@/server/concurrency/bounded-slots";
import { getConfig } from "@/server/config";
import { DomainError } from "@/server/errors";
import { eventLoopTurn } from "./event-loop-load";

/**
 * The CPU budget of the dashboard's heavy requests: CSV exports (for as long as they stream), the
 * call list, analytics and the dashboard's stats. They share the cores with the webhooks, and 50
 * clients exporting at once made a call wait for CPU (the mixed-load bench). At most
 * DASHBOARD_HEAVY_CONCURRENCY run at once (default: one core's worth fewer than the machine has,
 * 1 to 4), DASHBOARD_HEAVY_QUEUE more wait (default 16), and beyond that the answer is 503 `busy`
 * with Retry-After. Webhooks, the assistant's tools and jobs never take a slot.
 *
 * A slot bounds how many run, not how much of the event loop they take: the webhooks share that
 * loop. So heavy work also waits its turn (event-loop-load.ts) before it starts and between an
 * export's batches while the loop is busier than DASHBOARD_EVENT_LOOP_LIMIT (default 0.6): a
 * surge slows the dashboard and leaves the calls their share.
 */
class DashboardBusyError extends DomainError {
  constructor() {
    super("busy", "The dashboard is busy with other exports and reports. Try again in a few seconds.", { retry_after_seconds: 5 });
  }
}

let slots: BoundedSlots | undefined;

/** The process's slots, made again when the configured sizes change (tests re-read the configuration). */
export function dashboardWorkSlots(): BoundedSlots {
  const { concurrency, queue } = getConfig().dashboardHeavy;
  if (!slots || slots.limit !== concurrency || slots.maxQueue !== queue) {
    slots = new BoundedSlots(concurrency, queue, () => new DashboardBusyError());
  }
  return slots;
}

/**
 * The 503 busy answer's error. Heavy routes (withOrg's `dashboardHeavy`) answer it at once, before
 * the session is even looked up, when every slot and the queue are taken: a surge of dashboard
 * requests then costs the server almost nothing (the mixed-load bench: 50 clients asking back to
 * back made the refusals themselves compete with the calls).
 */
export function dashboardBusyError(): DomainError {
  return new DashboardBusyError();
}

/** Waits while a call's webhook is handled or the loop is too busy (event-loop-load.ts); log-ins wait here too. */
export function turnBehindCalls(): Promise<void> {
  return eventLoopTurn(getConfig().dashboardHeavy.eventLoopLimit);
}

/** Runs a heavy request's work in a slot, once the event loop has room for it. */
export function inDashboardWorkSlot<T>(work: () => Promise<T>): Promise<T> {
  return dashboardWorkSlots().run(async () => {
    await turnBehindCalls();
    return work();
  });
}

/**
 * Opens a stream in a slot and keeps the slot until the stream ends, fails or the client goes
 * away (cancel): an export holds its slot while it streams, not only while it starts. Each batch
 * waits its turn on the event loop.
 */
export async function streamInDashboardWorkSlot(open: () => Promise<ReadableStream<Uint8Array>>): Promise<ReadableStream<Uint8Array>> {
  const release = await dashboardWorkSlots().acquire();
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    await turnBehindCalls();
    reader = (await open()).getReader();
  } catch (error) {
    release();
    throw error;
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        await turnBehindCalls();
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
}
