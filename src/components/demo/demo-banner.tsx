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
  // On wide screens the banner is one line of BANNER_HEIGHT (h-9); on a phone it wraps, and only
  // the wide layout's fixed sidebar reads the height.
  return (
    <>
      {/* Fixed-position chrome (the dashboard's sidebar) starts below the banner. */}
      <style>{`:root{--demo-banner-height:${BANNER_HEIGHT}}`}</style>
      <aside
        aria-label={t("demo.bannerLabel")}
        className="relative z-40 flex min-h-9 items-center justify-center bg-amber-100 px-4 py-1.5 text-center text-xs text-amber-950 sm:text-sm lg:h-9 lg:py-0"
      >
        <span className="lg:truncate">{t.rich("demo.banner", { b: (chunks) => <strong className="font-semibold">{chunks}</strong> })}</span>
      </aside>
    </>
  );
}
