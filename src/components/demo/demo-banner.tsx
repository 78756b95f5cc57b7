import { connection } from "next/server";
import { getConfig } from "@/server/config";

/**
 * Shown on every page while demo mode is on, so nobody mistakes emulated calls for real ones.
 * Reads the configuration per request (never baked in at build time).
 */
export async function DemoBanner() {
  await connection();
  const config = getConfig();
  if (!config.demo) return null;
  return (
    <div role="status" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
      <strong className="font-semibold">Demo mode.</strong> Phone calls, Vapi and Google Calendar are emulated on this
      server; no real patient or provider is involved.
      {config.nodeEnv === "production" && " This server runs with NODE_ENV=production and DEMO=1."}
    </div>
  );
}
