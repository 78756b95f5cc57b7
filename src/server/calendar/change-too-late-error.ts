import { DomainError } from "@/server/errors";

/** A caller tried to cancel or move an appointment inside the clinic's minimum notice. */
export class ChangeTooLateError extends DomainError {
  constructor(readonly minNoticeMinutes: number) {
    super("conflict", `This appointment starts in less than ${minNoticeMinutes} minutes: it can no longer be changed by phone or text.`, {
      reason: "inside_minimum_notice",
    });
  }
}
