import { connection } from "next/server";
import { getConfig } from "@/server/config";

/**
 * Shown on every page while demo mode is on (a corner badge that covers no navigation), so
 * nobody mistakes emulated calls for real ones. Reads the configuration per request.
 */
export async function DemoBanner() {
  await connection();
  const config = getConfig();
  if (!config.demo) return null;
  return (
    <div
      role="status"
      className="fixed bottom-3 right-3 z-50 max-w-sm rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900 shadow-lg"
    >
      <strong className="font-semibold">Demo mode.</strong> Phone calls, Vapi and Google Calendar are emulated on this
      server; no real patient or provider is involved.
    </div>
  );
}
