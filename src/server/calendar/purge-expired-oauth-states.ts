import { lt } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { oauthStates } from "@/server/db/schema";

/** OAuth states are kept a day past expiry (for "link expired" rather than "invalid link"), then deleted. */
const OAUTH_STATE_RETENTION_MS = 24 * 60 * 60_000;

/** Deletes the OAuth states that expired more than a day before `now`; returns how many. */
export async function purgeExpiredOAuthStates(now: Date): Promise<number> {
  const deleted = await asService((tx) =>
    tx
      .delete(oauthStates)
      .where(lt(oauthStates.expiresAt, new Date(now.getTime() - OAUTH_STATE_RETENTION_MS)))
      .returning({ id: oauthStates.id }),
  );
  return deleted.length;
}
