"use client";

import { ErrorBody } from "@/components/brand/error-body";

/** A dashboard page failed to render: the error inside the dashboard frame, navigation included. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorBody error={error} reset={reset} />;
}
