// The load suites' Twilio caller in a process of its own: the calls are placed and timed on an
// event loop the load's clients do not share. In the bench's own process, 200 log-in clients
// starting in one instant held the callers' loop too: calls waited 400 ms there before the
// server saw them, and the report counted that against the server.
//
// CALLER_CONFIG: JSON {appUrl, numbers, authToken, sidPrefix} (twilioCaller's options). Prints
// {"ready":true}; then answers each line {"seconds","atOffset"} on stdin with one line: the
// results of steadyCalls(seconds, ..., atOffset). Exits when stdin closes.
import { createInterface } from "node:readline";
import { steadyCalls, twilioCaller } from "./calls-alone-and-loaded";

const place = twilioCaller(JSON.parse(process.env.CALLER_CONFIG ?? "{}"));
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const { seconds, atOffset } = JSON.parse(line) as { seconds: number; atOffset: number };
  process.stdout.write(`${JSON.stringify(await steadyCalls(seconds, place, atOffset))}\n`);
}
