import { eq } from "drizzle-orm";
import { revokeSession } from "@/server/auth/sessions";
import { hashToken } from "@/server/auth/tokens";
import { asAuth } from "@/server/db/access";
import { userSessions } from "@/server/db/schema";

/** Revokes the session on the server; safe to call with a missing or dead token. */
export async function logOut(token: string | undefined): Promise<void> {
  if (!token) return;
  await asAuth(async (tx) => {
    const [row] = await tx
      .select({ id: userSessions.id })
      .from(userSessions)
      .where(eq(userSessions.tokenHash, hashToken(token)));
    if (row) await revokeSession(tx, row.id);
  });
}
