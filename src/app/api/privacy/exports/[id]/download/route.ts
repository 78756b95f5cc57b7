import { withOrg } from "@/server/http/handler";
import { downloadDataExport, exportIdParam } from "@/server/privacy/data-exports";

export const dynamic = "force-dynamic";

export const GET = withOrg(
  async ({ params, actor }) => {
    const { fileName, content } = await downloadDataExport(actor, exportIdParam(params), new Date());
    return new Response(new Uint8Array(content), {
      status: 200,
      headers: {
        "content-type": "application/zip",
        "content-length": String(content.length),
        "content-disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
        "cache-control": "no-store",
      },
    });
  },
  { role: "owner" },
);
