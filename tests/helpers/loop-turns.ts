/**
 * Numbers the event loop's turns from now: its setImmediate chain is scheduled before anything
 * the test starts afterwards, so its callback runs first in each turn's check phase and `now()`
 * says which turn a later callback ran in. `stop()` ends the chain.
 */
export function loopTurnCounter() {
  let turn = 0;
  let counting = true;
  const next = () =>
    setImmediate(() => {
      turn++;
      if (counting) next();
    });
  next();
  return {
    now: () => turn,
    stop: () => {
      counting = false;
    },
  };
}
