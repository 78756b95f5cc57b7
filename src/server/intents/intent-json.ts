import { sql } from "drizzle-orm";
import { pgErrorOf } from "@/server/db/postgres-error";
import { type IntentAction, type intentActions, intents } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import type { intentActionValues } from "@/shared/schemas/intents";

// The API's actions and the database's are the same set: this fails to compile if either changes.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const actionsMatch: SameSet<(typeof intentActions)[number], (typeof intentActionValues)[number]> = true;
void actionsMatch;

/**
 * Columns of an intent as the API returns them. `updated_at` keeps Postgres's microseconds
 * (a JS Date would drop them), so the value a client sends back matches the stored version.
 */
export const intentColumns = {
  id: intents.id,
  name: intents.name,
  examplePhrases: intents.examplePhrases,
  responseEn: intents.responseEn,
  responseRu: intents.responseRu,
  action: intents.action,
  isActive: intents.isActive,
  position: intents.position,
  createdAt: intents.createdAt,
  updatedAt: sql<string>`to_char(${intents.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

export interface IntentRow {
  id: string;
  name: string;
  examplePhrases: string[];
  responseEn: string | null;
  responseRu: string | null;
  action: IntentAction;
  isActive: boolean;
  position: number;
  createdAt: Date;
  updatedAt: string;
}

export interface IntentJson {
  id: string;
  name: string;
  example_phrases: string[];
  response_en: string | null;
  response_ru: string | null;
  action: IntentAction;
  is_active: boolean;
  position: number;
  created_at: string;
  updated_at: string;
}

export function toIntentJson(row: IntentRow): IntentJson {
  return {
    id: row.id,
    name: row.name,
    example_phrases: row.examplePhrases,
    response_en: row.responseEn,
    response_ru: row.responseRu,
    action: row.action,
    is_active: row.isActive,
    position: row.position,
    created_at: new Date(row.createdAt).toISOString(),
    updated_at: row.updatedAt,
  };
}

/** Runs a write; a second intent with the same name (any case) becomes 409 on the `name` field. */
export async function withUniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const pg = pgErrorOf(error);
    if (pg?.code === "23505" && (!pg.constraint || pg.constraint === "intents_organisation_name_key")) {
      throw new DomainError("conflict", `There is already an intent called "${name}".`, {
        fields: [{ path: "name", message: "Another intent already has this name (names ignore upper and lower case)." }],
      });
    }
    throw error;
  }
}

export const intentNotFound = () => new DomainError("not_found", "There is no such intent in this clinic.");
