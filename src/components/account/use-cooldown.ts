"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * Seconds left until `until` (an epoch in ms), ticking once a second; 0 once passed. Starts at 0
 * on the server and in the first paint (no clock in the markup), then follows the browser's clock.
 */
export function useCooldown(initialUntil: number | null): { secondsLeft: number; startUntil: (until: number) => void } {
  const [until, setUntil] = useState<number | null>(initialUntil);
  const [secondsLeft, setSecondsLeft] = useState(0);

  useEffect(() => {
    if (until === null) return;
    const tick = () => setSecondsLeft(Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [until]);

  const startUntil = useCallback((next: number) => setUntil(next), []);
  return { secondsLeft, startUntil };
}
