import type pg from "pg";

/**
 * What the role behind DATABASE_APP_URL may be: one that can become `authenticated` and nothing
 * else, holds nothing of its own and bypasses nothing. Returns the problems found (none: safe).
 */
export async function appRoleProblems(client: pg.PoolClient | pg.Client): Promise<string[]> {
  const { rows } = await client.query<{
    name: string;
    superuser: boolean;
    bypassrls: boolean;
    createrole: boolean;
    createdb: boolean;
    replication: boolean;
    inherits_authenticated: boolean;
    member_of: string[];
    owns: number;
  }>(`
    select r.rolname as name, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
           r.rolcreaterole as createrole, r.rolcreatedb as createdb, r.rolreplication as replication,
           pg_has_role(r.oid, 'authenticated', 'usage') as inherits_authenticated,
           array(select o.rolname::text from pg_roles o
                 where o.oid <> r.oid and pg_has_role(r.oid, o.oid, 'member') order by 1) as member_of,
           (select count(*)::int from pg_class where relowner = r.oid)
             + (select count(*)::int from pg_proc where proowner = r.oid)
             + (select count(*)::int from pg_namespace where nspowner = r.oid) as owns
    from pg_roles r where r.rolname = current_user`);
  const role = rows[0];
  if (!role) return ["the connecting role was not found in pg_roles"];
  const problems: string[] = [];
  for (const power of ["superuser", "bypassrls", "createrole", "createdb", "replication"] as const) {
    if (role[power]) problems.push(`${role.name} has ${power.toUpperCase()}`);
  }
  if (role.inherits_authenticated) problems.push(`${role.name} inherits authenticated's privileges (create it NOINHERIT)`);
  if (role.member_of.join(",") !== "authenticated") {
    problems.push(`${role.name} must be a member of authenticated only (is a member of: ${role.member_of.join(", ") || "nothing"})`);
  }
  if (role.owns > 0) problems.push(`${role.name} owns ${role.owns} object(s) in this database`);
  return problems;
}
