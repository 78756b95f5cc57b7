import type pg from "pg";
import { getMetrics } from "./registry";

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, release: (release?: unknown) => void) => void;

/**
 * Shows `pool` on /metrics under `name`: its connections (total, idle, waiting) at scrape time and
 * how long every checkout waited. pg's Pool reports no wait times, so this pool's `connect` (which
 * `pool.query` also goes through) is timed. Returns what stops observing it (when it closes).
 */
export function observePool(name: string, pool: pg.Pool): () => void {
  const metrics = getMetrics();
  const checkout = metrics.poolCheckoutDuration.labels({ pool: name });
  const connect = pool.connect.bind(pool) as (callback?: ConnectCallback) => Promise<pg.PoolClient> | undefined;
  const timed = (callback?: ConnectCallback) => {
    const stop = checkout.startTimer();
    if (callback) {
      return connect((err, client, release) => {
        stop();
        callback(err, client, release);
      });
    }
    return (connect() as Promise<pg.PoolClient>).finally(stop);
  };
  pool.connect = timed as typeof pool.connect;
  metrics.pools.set(name, pool);
  return () => {
    if (metrics.pools.get(name) === pool) metrics.pools.delete(name);
  };
}
