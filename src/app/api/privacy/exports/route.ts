import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { listDataExports, requestDataExport } from "@/server/privacy/data-exports";

export const dynamic = "force-dynamic";

export const GET = withOrg(async ({ actor }) => json(await listDataExports(actor, new Date())), { role: "owner" });

export const POST = withOrg(
  async ({ actor }) => {
    const result = await requestDataExport(actor, new Date());
    return json(result.export, result.created ? 202 : 200);
  },
  { role: "owner" },
);
