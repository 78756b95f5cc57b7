import { useTranslations } from "next-intl";

const BANNER_HEIGHT = "2.25rem";

/**
 * Shown on every page while demo mode is on, so nobody mistakes emulated calls for real ones.
 * The root layout reads the configuration per request and passes `demo`. It sets
 * --demo-banner-height for fixed elements below it.
 */
export function DemoBanner({ demo }: { demo: boolean }) {
  const t = useTranslations();
  if (!demo) return null;
  return (
    <>
      {/* Fixed-position chrome (the dashboard's sidebar) starts below the banner. */}
      <style>{`:root{--demo-banner-height:${BANNER_HEIGHT}}`}</style>
      <div
        role="status"
        style={{ height: BANNER_HEIGHT }}
        className="relative z-40 flex items-center justify-center truncate bg-amber-100 px-4 text-xs text-amber-900 sm:text-sm"
      >
        <span className="truncate">{t.rich("demo.banner", { b: (chunks) => <strong className="font-semibold">{chunks}</strong> })}</span>
      </div>
    </>
  );
}
