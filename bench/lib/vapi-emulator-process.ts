// Runs the Vapi emulator in its own process, as the real Vapi is another machine: its request
// parsing and OpenAPI validation then do not eat the app's CPU in the webhook benchmark.
// Prints the emulator's URL on the first line of stdout; serves until killed.
import { startVapiEmulator } from "../../src/providers/vapi/emulator";
import { recordStallsUntilStopped } from "./process-stalls";

recordStallsUntilStopped("vapi-emulator");

const emulator = await startVapiEmulator({ apiKey: process.argv[2] ?? "bench-vapi-key" });
process.stdout.write(`${emulator.url}\n`);
