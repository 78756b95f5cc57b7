"use client";

import { ErrorBody } from "@/components/brand/error-body";
import { PublicFrame } from "@/components/brand/public-frame";

/** A page outside the dashboard failed to render: say so, offer a retry and the way back. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PublicFrame>
      <ErrorBody error={error} reset={reset} />
    </PublicFrame>
  );
}
