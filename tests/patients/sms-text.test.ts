import { describe, expect, it } from "vitest";
import { replyCommand } from "@/server/sms/receive-inbound-sms";
import { CARRIER_KEYWORDS, defaultTemplates, outsideQuietHours, renderText, smsSegments, templateProblem } from "@/server/sms/sms-text";

describe("texts to patients", () => {
  it("never asks for a carrier keyword in any built-in template", () => {
    for (const [kind, languages] of Object.entries(defaultTemplates)) {
      for (const [language, template] of Object.entries(languages)) {
        expect(templateProblem(template), `${kind}/${language}`).toBeNull();
        for (const word of CARRIER_KEYWORDS) expect(template).not.toMatch(new RegExp(`\\b${word}\\b`));
      }
    }
    expect(templateProblem("Reply STOP to stop or C to confirm")).toMatch(/STOP/);
    expect(templateProblem("Reply CANCEL to cancel")).toMatch(/CANCEL/);
  });

  it("fills placeholders once, in the clinic's zone and the patient's language", () => {
    const start = new Date("2027-03-02T10:00:00Z");
    const en = renderText({
      kind: "reminder",
      language: "en",
      clinicName: "Harbour {time}",
      patientName: "{date}",
      start,
      timeZone: "Europe/London",
    });
    expect(en).toBe("Harbour {time}: a reminder of your appointment on Tue 2 Mar at 10:00. Reply 1 to confirm or 2 to cancel.");
    const ru = renderText({
      kind: "confirmation",
      language: "ru",
      clinicName: "Клиника",
      patientName: null,
      start,
      timeZone: "Europe/Moscow",
    });
    expect(ru).toMatch(/^Клиника: вы записаны на .* в 13:00\./);
  });

  it("holds a text in quiet hours until they end, across midnight and DST changes", () => {
    const quiet = { start: "21:00", end: "08:00" };
    const london = "Europe/London";
    // 22:30 the evening before the spring change (28 March 2027): released 08:00 BST = 07:00 UTC.
    expect(outsideQuietHours(new Date("2027-03-27T22:30:00Z"), london, quiet).toISOString()).toBe("2027-03-28T07:00:00.000Z");
    // 06:00 on the autumn change (31 October 2027): 08:00 GMT = 08:00 UTC.
    expect(outsideQuietHours(new Date("2027-10-31T06:00:00Z"), london, quiet).toISOString()).toBe("2027-10-31T08:00:00.000Z");
    // Outside quiet hours nothing moves.
    const noon = new Date("2027-03-28T12:00:00Z");
    expect(outsideQuietHours(noon, london, quiet)).toBe(noon);
    // A window inside one day (13:00–14:00 New York).
    expect(outsideQuietHours(new Date("2027-07-01T17:30:00Z"), "America/New_York", { start: "13:00", end: "14:00" }).toISOString()).toBe(
      "2027-07-01T18:00:00.000Z",
    );
  });

  it("counts segments like Twilio (GSM-7 vs UCS-2)", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", segments: 1 });
    expect(smsSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", segments: 2 });
    expect(smsSegments("я".repeat(70))).toEqual({ encoding: "UCS-2", segments: 1 });
    expect(smsSegments("я".repeat(71))).toEqual({ encoding: "UCS-2", segments: 2 });
  });

  it("reads 1 / C as confirm and 2 as cancel, never Twilio's keywords", () => {
    expect(replyCommand(" 1 ")).toBe("confirm");
    expect(replyCommand("c.")).toBe("confirm");
    expect(replyCommand("2!")).toBe("cancel");
    for (const word of ["STOP", "CANCEL", "YES", "START", "12", "cancel please"]) expect(replyCommand(word)).toBeNull();
  });
});
