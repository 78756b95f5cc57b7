/**
 * Next.js calls register() once when a server process starts. Background work (the job runner,
 * with the calendar outbox pass) runs in the Node.js runtime only, never during `next build`.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundWork } = await import("./server/background/start-background-work");
  await startBackgroundWork();
}
