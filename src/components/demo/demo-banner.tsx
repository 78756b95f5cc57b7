import { connection } from "next/server";
import { getConfig } from "@/server/config";

const BANNER_HEIGHT = "2.25rem";

/**
 * Shown on every page while demo mode is on, so nobody mistakes emulated calls for real ones.
 * Reads the configuration per request. It sets --demo-banner-height for fixed elements below it.
 */
export async function DemoBanner() {
  await connection();
  const config = getConfig();
  if (!config.demo) return null;
  return (
    <>
      {/* Fixed-position chrome (the dashboard's sidebar) starts below the banner. */}
      <style>{`:root{--demo-banner-height:${BANNER_HEIGHT}}`}</style>
      <div
        role="status"
        style={{ height: BANNER_HEIGHT }}
        className="relative z-40 flex items-center justify-center truncate bg-amber-100 px-4 text-xs text-amber-900 sm:text-sm"
      >
        <span className="truncate">
          <strong className="font-semibold">Demo mode.</strong> Phone calls, Vapi and Google Calendar are emulated on this
          server; no real patient or provider is involved.
        </span>
      </div>
    </>
  );
}
