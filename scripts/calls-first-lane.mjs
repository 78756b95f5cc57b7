// Calls first at the HTTP server (scripts/serve.mjs, and the bench's app server that stands in
// for it). Node reads every request that arrived together in one go and starts them all there and
// then: 200 log-ins arriving in one instant held the event loop for 120 ms, and a call's webhook,
// which makes several hops on that loop (its request, each database answer, Vapi's), waited
// behind all of them (the log-in flood bench). So a request for the phone's webhooks starts the
// moment it arrives, and any other request starts at most PER_LOOP_TURN to one turn of the event
// loop, the rest in the next turns: the loop reads the calls' I/O in between. A request waits no
// longer than the requests before it take to start; nothing is refused here.

/** The phone's webhooks: Twilio's voice, status and recording callbacks, and Vapi's server messages. */
export const CALL_PATH_PREFIXES = ["/api/webhooks/twilio", "/api/webhooks/vapi"];

/** Requests other than calls started in one turn of the event loop. */
export const PER_LOOP_TURN = 1;

/**
 * Whether a request target is one of the phone's webhooks, read as the app reads it (dot segments
 * resolved: `/api/webhooks/twilio/../../auth/login` is the log-in, not a call).
 */
export function isCallPath(target) {
  let path;
  try {
    path = new URL(target, "http://localhost").pathname;
  } catch {
    return false;
  }
  return CALL_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`));
}

/** A lane: `admit(target, start)` calls `start` now for a call, else in its turn (see above). */
export function callsFirstLane(perLoopTurn = PER_LOOP_TURN) {
  const waiting = [];
  let startedThisTurn = 0;
  let nextTurnScheduled = false;
  const scheduleNextTurn = () => {
    if (nextTurnScheduled) return;
    nextTurnScheduled = true;
    setImmediate(() => {
      nextTurnScheduled = false;
      startedThisTurn = 0;
      while (waiting.length > 0 && startedThisTurn < perLoopTurn) begin(waiting.shift());
    });
  };
  const begin = (start) => {
    startedThisTurn++;
    scheduleNextTurn();
    start();
  };
  return function admit(target, start) {
    if (isCallPath(target)) return start();
    if (waiting.length === 0 && startedThisTurn < perLoopTurn) return begin(start);
    waiting.push(start);
    scheduleNextTurn();
  };
}
