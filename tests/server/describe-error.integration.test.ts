import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeError, MAX_LOGGED_MESSAGE } from "@/server/log";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

describe("describeError", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("keeps a failed query's parameters out of what is logged", async () => {
    const error = await database.db
      .execute(sql`select * from no_such_table where token = ${"secret-token-value"}`)
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain("secret-token-value"); // Drizzle's own message would leak it
    const described = describeError(error);
    expect(JSON.stringify(described)).not.toContain("secret-token-value");
    expect(described).toMatchObject({ code: "42P01", message: expect.stringContaining("no_such_table") });
  });

  it("never carries a multi-kilobyte value, whichever error quotes it", async () => {
    const huge = "9".repeat(1_000_000);
    const fromDatabase = await database.db.execute(sql`select ${huge}::integer`).catch((e: unknown) => e);
    for (const error of [fromDatabase, new Error(`bad value ${huge}`), huge]) {
      const described = describeError(error);
      expect(JSON.stringify(described).length).toBeLessThan(MAX_LOGGED_MESSAGE + 100);
    }
  });

  it("describes plain errors by their message", () => {
    expect(describeError(new Error("boom"))).toEqual({ message: "boom" });
    expect(describeError("text")).toEqual({ message: "text" });
  });
});
