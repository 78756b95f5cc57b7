import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as downloadRoute from "@/app/api/privacy/exports/[id]/download/route";
import * as exportsRoute from "@/app/api/privacy/exports/route";
import { dataExports } from "@/server/db/schema";
import { startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { EXPORT_EXCLUDED_TABLES } from "@/server/privacy/build-export";
import { buildExport } from "@/server/privacy/export-job";
import { dropExpiredExports } from "@/server/privacy/housekeeping-job";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { readZip } from "../helpers/read-zip";
import { seedEveryTable } from "../helpers/seed-every-table";

const test = useTestApp();
const db = () => test.db().db;
// The runner only enqueues here; the tests run the job's work themselves, as a worker would.
beforeAll(async () => {
  await startJobRunner({ work: false, database: test.db(), databaseUrl: test.db().url });
});
afterAll(async () => {
  await stopJobRunner({ timeoutMs: 1_000 });
});

async function tenantTables(): Promise<string[]> {
  const { rows } = await db().execute(sql`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organisation_id' and not a.attisdropped)
    order by 1`);
  return rows.map((r) => String(r.name));
}

async function downloadBody(client: Awaited<ReturnType<typeof signUpOwner>>["client"], id: string) {
  const req = await client.call(downloadRoute.GET, "GET", `/api/privacy/exports/${id}/download`, { params: { id } });
  return req;
}

describe("data export (owners): a zip of JSON and CSV, one clinic only, 24 hours", () => {
  it("contains every table of the clinic and nothing of another", async () => {
    const a = await signUpOwner("Export Clinic A");
    const b = await signUpOwner("Export Clinic B");
    await seedEveryTable(db(), { id: a.organisationId }, "AAA");
    await seedEveryTable(db(), { id: b.organisationId }, "BBB");

    const requested = await a.client.post(exportsRoute.POST, "/api/privacy/exports");
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ status: "pending", download_url: null });
    const id = requested.body.id as string;
    // Asking again while it is being built returns the same export.
    const again = await a.client.post(exportsRoute.POST, "/api/privacy/exports");
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
    // The job was queued with the row, keyed by the export.
    const { rows: jobs } = await db().execute(sql`select data from pgboss.job where name = 'privacy.export' and data->>'exportId' = ${id}`);
    expect(jobs).toHaveLength(1);

    // The job's work (the runner calls exactly this); a second delivery changes nothing.
    const now = new Date();
    expect(await buildExport(a.organisationId, id, now)).toBe(true);
    expect(await buildExport(a.organisationId, id, now)).toBe(false);

    const list = await a.client.get(exportsRoute.GET, "/api/privacy/exports");
    expect(list.body[0]).toMatchObject({ id, status: "ready", download_url: `/api/privacy/exports/${id}/download` });
    expect(new Date(list.body[0].expires_at).getTime() - now.getTime()).toBe(24 * 3_600_000);

    // What the clinic held when the export was made (the download itself adds an audit row).
    const heldAtExport: Record<string, number> = {};
    for (const table of await tenantTables()) {
      const { rows: counted } = await db().execute(
        sql`select count(*)::int as n from ${sql.identifier(table)} where organisation_id = ${a.organisationId}::uuid`,
      );
      heldAtExport[table] = Number(counted[0]!.n);
    }
    const res = await a.client.call(downloadRoute.GET, "GET", `/api/privacy/exports/${id}/download`, { params: { id } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="clinicall-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    const { rows: audited } = await db().execute(
      sql`select action from audit_events where organisation_id = ${a.organisationId}::uuid and object_id = ${id} order by created_at`,
    );
    expect(audited.map((r) => r.action)).toEqual(["data_export.requested", "data_export.downloaded"]);
    const [stored] = await db().select({ content: dataExports.content }).from(dataExports).where(eq(dataExports.id, id));
    const files = readZip(Buffer.from(stored!.content!));

    // Every organisation-scoped table is there (JSON and CSV), or excluded for a stated reason.
    const tables = await tenantTables();
    for (const table of tables) {
      if (table in EXPORT_EXCLUDED_TABLES) {
        expect(files.has(`${table}.json`), table).toBe(false);
        continue;
      }
      expect(files.has(`${table}.json`), `${table}.json`).toBe(true);
      expect(files.has(`${table}.csv`), `${table}.csv`).toBe(true);
      const rows = JSON.parse(files.get(`${table}.json`)!.toString("utf8")) as { organisation_id: string }[];
      expect(rows.length, table).toBe(heldAtExport[table]);
      for (const row of rows) expect(row.organisation_id, table).toBe(a.organisationId);
    }
    for (const name of ["README.txt", "organisation.json", "organisation.csv", "members.json", "members.csv"]) {
      expect(files.has(name), name).toBe(true);
    }
    // The seeded clinic data is in it: calls with transcripts, patients, appointments, messages, texts.
    const text = [...files.values()].map((f) => f.toString("utf8")).join("\n");
    for (const marker of ["Transcript AAA", "Patient AAA", "Customer AAA", "Message AAA", "Text AAA", "Export Clinic A", a.email]) {
      expect(text, marker).toContain(marker);
    }
    // Nothing of the other clinic, and no secrets.
    for (const marker of [b.organisationId, "BBB", "Export Clinic B", b.email]) expect(text, marker).not.toContain(marker);
    expect(text).not.toMatch(/ciphertext|token_hash|state_hash/);
    const organisation = JSON.parse(files.get("organisation.json")!.toString("utf8"));
    expect(organisation).toEqual([expect.objectContaining({ id: a.organisationId, name: "Export Clinic A" })]);
    const members = JSON.parse(files.get("members.json")!.toString("utf8"));
    expect(members).toEqual([expect.objectContaining({ email: a.email, role: "owner" })]);
    // CSV: a header and one line per row.
    const callsCsv = files.get("calls.csv")!.toString("utf8").trim().split("\r\n");
    expect(callsCsv[0]).toMatch(/^id,|,id,/);
    expect(callsCsv).toHaveLength(2);
  });

  it("owners only: admins and members are refused, another clinic's owner finds nothing", async () => {
    const a = await signUpOwner("Export Roles A");
    const b = await signUpOwner("Export Roles B");
    const admin = await addTeammate(a.client, "admin");
    const member = await addTeammate(a.client, "member");
    for (const who of [admin, member]) {
      expect((await who.client.post(exportsRoute.POST, "/api/privacy/exports")).status).toBe(403);
      expect((await who.client.get(exportsRoute.GET, "/api/privacy/exports")).status).toBe(403);
    }
    const requested = await a.client.post(exportsRoute.POST, "/api/privacy/exports");
    const id = requested.body.id as string;
    // Still being built: a clear conflict, not an empty file.
    const early = await downloadBody(a.client, id);
    expect(early.status).toBe(409);
    expect(early.body.error.details.reason).toBe("export_pending");
    await buildExport(a.organisationId, id, new Date());
    for (const who of [admin, member]) expect((await downloadBody(who.client, id)).status).toBe(403);
    expect((await downloadBody(b.client, id)).status).toBe(404);
    expect((await b.client.get(exportsRoute.GET, "/api/privacy/exports")).body).toEqual([]);
    expect((await downloadBody(a.client, "not-a-uuid")).status).toBe(404);
  });

  it("after 24 hours the link says it expired (410), and the nightly job drops the file", async () => {
    const a = await signUpOwner("Export Expiry");
    const requested = await a.client.post(exportsRoute.POST, "/api/privacy/exports");
    const id = requested.body.id as string;
    const made = new Date(Date.now() - 25 * 3_600_000);
    await buildExport(a.organisationId, id, made);
    const res = await downloadBody(a.client, id);
    expect(res.status).toBe(410);
    expect(res.body.error).toMatchObject({ code: "gone", details: { reason: "export_expired" } });
    expect((await a.client.get(exportsRoute.GET, "/api/privacy/exports")).body[0]).toMatchObject({ status: "expired", download_url: null });
    expect(await dropExpiredExports(new Date())).toBeGreaterThanOrEqual(1);
    const [row] = await db().select({ content: dataExports.content }).from(dataExports).where(eq(dataExports.id, id));
    expect(row!.content).toBeNull();
    expect((await downloadBody(a.client, id)).status).toBe(410);
  });
});
