import { z } from "zod";
import { Email, OrganisationName } from "@/server/accounts/schemas";
import { memberRoles } from "@/server/db/schema";
import { findVoiceAgent } from "@/server/voice-agents/catalogue";
import { TimeZoneName } from "@/shared/schemas/working-hours";

export const Uuid = z.uuid({ message: "must be an id" });

export const UpdateOrganisationInput = z
  .object({
    name: OrganisationName.optional(),
    selected_voice_agent_id: z
      .string()
      .refine((id) => Boolean(findVoiceAgent(id)), { message: "is not one of the voice agents in GET /api/voice-agents" })
      .nullable()
      .optional(),
    /** The clinic's IANA time zone; saving it (even unchanged) confirms it. */
    timezone: TimeZoneName.optional(),
  })
  .refine((v) => v.name !== undefined || v.selected_voice_agent_id !== undefined || v.timezone !== undefined, {
    message: "Send name, selected_voice_agent_id or timezone.",
  });

const Role = z.enum(memberRoles, { message: "must be owner, admin or member" });
export const ChangeRoleInput = z.object({ role: Role });
export const SwitchOrganisationInput = z.object({ organisation_id: Uuid });
export const CreateInvitationInput = z.object({ email: Email, role: Role });
export const AcceptInvitationInput = z.object({ token: z.string().min(20).max(200) });
