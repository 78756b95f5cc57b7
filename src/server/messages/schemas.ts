import { z } from "zod";
import { messageStatuses } from "@/server/db/schema/messages";

/** Query and body rules of /api/messages (imported by routes; nothing server-only). */

const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: "must be an id" });
const Status = z.enum(messageStatuses, { message: "must be new, in_progress or done" });

export const MessagesQuery = z.object({
  /** One or more statuses, comma-separated (status=new,in_progress). */
  status: z
    .string()
    .max(100)
    .transform((value) => [...new Set(value.split(",").map((s) => s.trim()))])
    .pipe(z.array(Status).min(1))
    .optional(),
  /** A member's id, "me", or "none" (unassigned). */
  assignee: z.union([z.literal("me"), z.literal("none"), Uuid]).optional(),
  limit: z.coerce
    .number({ message: "must be a number from 1 to 100" })
    .int({ message: "must be a number from 1 to 100" })
    .min(1, { message: "must be a number from 1 to 100" })
    .max(100, { message: "must be a number from 1 to 100" })
    .default(25),
  cursor: z.string().max(200).optional(),
});
export type MessagesQuery = z.infer<typeof MessagesQuery>;

const changes = {
  status: Status.optional(),
  /** A member's id, or null to unassign. */
  assignee_id: Uuid.nullable().optional(),
};

export const UpdateMessageInput = z
  .object(changes)
  .strict()
  .refine((v) => v.status !== undefined || v.assignee_id !== undefined, { message: "Send status, assignee_id or both." });
export type UpdateMessageInput = z.infer<typeof UpdateMessageInput>;

/** PATCH /api/messages: the same change to up to 100 messages (e.g. "mark all done"). */
export const UpdateMessagesInput = z
  .object({
    ids: z.array(Uuid).min(1, { message: "Name at least one message." }).max(100, { message: "At most 100 messages at once." }),
    ...changes,
  })
  .strict()
  .refine((v) => v.status !== undefined || v.assignee_id !== undefined, { message: "Send status, assignee_id or both." });
export type UpdateMessagesInput = z.infer<typeof UpdateMessagesInput>;

export function queryObject(url: URL): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of ["status", "assignee", "limit", "cursor"]) {
    const value = url.searchParams.get(key);
    if (value !== null) result[key] = value;
  }
  return result;
}
