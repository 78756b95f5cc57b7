import path from "node:path";
import { describe, expect, it } from "vitest";
import { isCallRoute } from "@/server/http/event-loop-load";
import { callsFirstLane, isCallPath, PER_LOOP_TURN } from "../../scripts/calls-first-lane.mjs";
import { sourceFiles } from "../architecture/source-imports";
import { loopTurnCounter } from "../helpers/loop-turns";

/** Every API route's path, as the app serves it (src/app/api/**\/route.ts; a [param] stays as written). */
function apiRoutePaths(): string[] {
  return sourceFiles(path.resolve("src/app/api"))
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => `/${path.relative(path.resolve("src/app"), path.dirname(file)).split(path.sep).join("/")}`);
}

describe("calls first at the HTTP server (scripts/calls-first-lane.mjs)", () => {
  it("starts other requests at most PER_LOOP_TURN to a turn of the event loop, in arrival order, and a call at once", async () => {
    const admit = callsFirstLane();
    const loop = loopTurnCounter();
    const started: { name: string; turn: number }[] = [];
    const all: Promise<void>[] = [];
    const request = (target: string, name: string) =>
      all.push(new Promise<void>((resolve) => admit(target, () => resolve(void started.push({ name, turn: loop.now() })))));
    for (let i = 0; i < 10; i++) request("/api/auth/login", `log-in ${i}`);
    request("/api/webhooks/twilio", "call");
    await Promise.all(all);
    loop.stop();
    expect(started.map((s) => s.name)).toEqual([
      ...Array.from({ length: PER_LOOP_TURN }, (_, i) => `log-in ${i}`),
      "call",
      ...Array.from({ length: 10 - PER_LOOP_TURN }, (_, i) => `log-in ${i + PER_LOOP_TURN}`),
    ]);
    const turnOf = (name: string) => started.find((s) => s.name === name)!.turn;
    expect(turnOf("call")).toBe(0);
    for (let i = 0; i < 10; i++) expect(turnOf(`log-in ${i}`)).toBe(Math.floor(i / PER_LOOP_TURN));
  });

  it("knows a call by the path the app reads: dot segments resolved, no prefix of another word", () => {
    expect(isCallPath("/api/webhooks/twilio")).toBe(true);
    expect(isCallPath("/api/webhooks/twilio/status?x=1")).toBe(true);
    expect(isCallPath("/api/webhooks/vapi")).toBe(true);
    expect(isCallPath("/api/webhooks/twilio/../../auth/login")).toBe(false);
    expect(isCallPath("/api/webhooks/%2e%2e/auth/login")).toBe(false);
    expect(isCallPath("/api/webhooks/twiliox")).toBe(false);
    expect(isCallPath("/api/webhooks/stripe")).toBe(false);
    expect(isCallPath("/")).toBe(false);
    expect(isCallPath("http://[bad")).toBe(false);
  });

  it("agrees with the turns' idea of a call's route (event-loop-load.ts) on every API route", () => {
    const routes = apiRoutePaths();
    expect(routes).toContain("/api/webhooks/twilio/voicemail");
    for (const route of routes) expect([route, isCallPath(route)]).toEqual([route, isCallRoute(route)]);
  });
});
