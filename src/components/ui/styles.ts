/**
 * Class fragments shared by the UI components, so every control has the same focus ring and
 * the same input look. Use them in new primitives rather than inventing another ring.
 */
export const focusRing =
  "outline-none focus-visible:ring-2 focus-visible:ring-brand-500/50 focus-visible:ring-offset-2 focus-visible:ring-offset-white";

export const controlBase =
  "block w-full rounded-md border bg-white text-sm text-slate-900 shadow-xs transition-colors " +
  "placeholder:text-slate-400 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 " +
  "read-only:bg-slate-50 read-only:text-slate-600 outline-none focus:ring-2 focus:ring-offset-0";

export const controlValid = "border-slate-300 hover:border-slate-400 focus:border-brand-500 focus:ring-brand-500/20";
export const controlInvalid = "border-red-400 focus:border-red-500 focus:ring-red-500/20";
