import { afterAll, describe, expect, it } from "vitest";
import * as readyRoute from "@/app/api/health/ready/route";
import * as healthRoute from "@/app/api/health/route";
import { startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { jobDefinitions } from "@/server/jobs/registry";
import { markShuttingDown } from "@/server/lifecycle/shutdown-state";
import { ApiClient, useTestApp } from "../helpers/api";

/** /api/health is liveness (the database answers); /api/health/ready adds the job runner and shutdown. */
const test = useTestApp({ env: () => ({ JOBS: "off" }) });
const client = new ApiClient();
afterAll(() => stopJobRunner({ timeoutMs: 1_000 }));

describe("GET /api/health/ready", () => {
  it("is 503 with the reason until the job runner has started, while /api/health is already 200", async () => {
    expect((await client.get(healthRoute.GET, "/api/health")).status).toBe(200);
    const res = await client.get(readyRoute.GET, "/api/health/ready");
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: "not_ready", database: "ok", jobs: "stopped", reasons: ["job runner not started"] });
  });

  it("is 200 once the runner runs; JOBS=off shows it only enqueues", async () => {
    await startJobRunner({ handlers: jobDefinitions(), database: test.db(), databaseUrl: test.db().url });
    const res = await client.get(readyRoute.GET, "/api/health/ready");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ready", database: "ok", jobs: "enqueue_only" });
  });

  it('is 503 "shutting down" once the process stops taking traffic', async () => {
    markShuttingDown();
    const res = await client.get(readyRoute.GET, "/api/health/ready");
    expect(res.status).toBe(503);
    expect(res.body.reasons).toEqual(["shutting down"]);
  });
});
