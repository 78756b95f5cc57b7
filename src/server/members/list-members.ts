import { sql } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";

export interface MemberJson {
  user_id: string;
  email: string;
  role: string;
  joined_at: string;
}

/** Everyone in the organisation with their email (through a definer function; see the migration). */
export async function listMembers(actor: Actor): Promise<MemberJson[]> {
  const { organisationId } = actor;
  const result = await asUser(actor, (tx) =>
    tx.execute(sql`
      select user_id, email, role, joined_at
      from public.organisation_members_with_email()
      where organisation_id = ${organisationId}
      order by case role when 'owner' then 0 when 'admin' then 1 else 2 end, joined_at, email`),
  );
  return result.rows.map((r) => ({
    user_id: String(r.user_id),
    email: String(r.email),
    role: String(r.role),
    joined_at: new Date(r.joined_at as string).toISOString(),
  }));
}
