import { callNotFound } from "@/server/call-logs/get-call-log";
import { Uuid } from "@/server/organisations/schemas";

/** The :id of a call route; anything that is not a UUID is a call that does not exist. */
export function callLogId(params: Record<string, string>): string {
  const parsed = Uuid.safeParse(params.id);
  if (!parsed.success) throw callNotFound();
  return parsed.data;
}
