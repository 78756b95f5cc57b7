import type { ReactNode } from "react";

/** The title block above an auth form. */
export function AuthHeading({ title, description }: { title: ReactNode; description?: ReactNode }) {
  return (
    <div className="mb-8 space-y-2">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {description && <p className="text-sm leading-relaxed text-slate-500">{description}</p>}
    </div>
  );
}
