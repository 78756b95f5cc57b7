// Runs the Vapi emulator in its own process, as the real Vapi is another machine: its request
// parsing and OpenAPI validation then do not eat the app's CPU in the webhook benchmark.
// Prints the emulator's URL on the first line of stdout; then answers each line on stdin with one
// line, the number of calls it has created. Serves until killed.
import { createInterface } from "node:readline";
import { startVapiEmulator } from "../../src/providers/vapi/emulator";
import { recordStallsUntilStopped } from "./process-stalls";

recordStallsUntilStopped("vapi-emulator");

/**
 * The newest calls the emulator keeps (Vapi's own `GET /call` lists 100 by default). Keeping all
 * of a load run's thousands of assistants grew its heap, and a 55 ms collection there paused the
 * calls being handed to it at that moment, in whichever phase it fell (the log-in flood bench).
 */
const KEEP_CALLS = 100;

const emulator = await startVapiEmulator({ apiKey: process.argv[2] ?? "bench-vapi-key", keepCalls: KEEP_CALLS });
process.stdout.write(`${emulator.url}\n`);
for await (const _ of createInterface({ input: process.stdin })) process.stdout.write(`${emulator.state.callsCreated}\n`);
