import fc from "fast-check";
import { type BodyRoute, bodyWith, expectNoServerError, type Json, pathsOf, type QueryRoute, send } from "./bad-input";

/**
 * The bad-input sweeps' property tests (fast-check, a fixed seed per suite so a failure replays):
 * random values where the tables of tests/helpers/bad-input.ts put chosen ones.
 */

/** Any JSON value, binary string, number or instant in any field of any of `routes`' bodies: never a 5xx. */
export async function anyJsonInAnyBodyField(routes: BodyRoute[], seed: number): Promise<void> {
  const anyJson: fc.Arbitrary<Json> = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
    fc.string({ unit: "binary", maxLength: 300 }),
    fc.double(),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );
  const routeAndPath = fc
    .constantFrom(...routes)
    .chain((route) => fc.record({ route: fc.constant(route), path: fc.constantFrom(...pathsOf(route.body()).map((p) => p.path)) }));
  await fc.assert(
    fc.asyncProperty(routeAndPath, anyJson, async ({ route, path }, value) => {
      const raw = JSON.stringify(value) ?? "null";
      expectNoServerError(await send(route, bodyWith(route.body(), path, raw)), `${route.name} ${path.join(".")} = ${raw.slice(0, 80)}`);
    }),
    { seed, numRuns: 200, endOnFailure: true },
  );
}

/** Any binary string in any query parameter of any of `routes`: never a 5xx. */
export async function anyStringInAnyQueryParameter(routes: QueryRoute[], seed: number): Promise<void> {
  const routeAndName = fc
    .constantFrom(...routes)
    .chain((route) => fc.record({ route: fc.constant(route), name: fc.constantFrom(...Object.keys(route.query)) }));
  await fc.assert(
    fc.asyncProperty(routeAndName, fc.string({ unit: "binary", maxLength: 200 }), async ({ route, name }, value) => {
      const res = await route.client().get(route.handler, `${route.path}?${new URLSearchParams({ ...route.query, [name]: value })}`);
      expectNoServerError(res, `${route.name} ${name}=${JSON.stringify(value)}`);
    }),
    { seed, numRuns: 120, endOnFailure: true },
  );
}
