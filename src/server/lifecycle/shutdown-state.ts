const holder = globalThis as unknown as { __clinicallShuttingDown?: boolean };

/** Marks this process as stopping: readiness answers 503 so a load balancer stops sending traffic. */
export function markShuttingDown(): void {
  holder.__clinicallShuttingDown = true;
}

export function isShuttingDown(): boolean {
  return holder.__clinicallShuttingDown === true;
}
