import { describe, expect, it } from "vitest";
import { argumentsFor, spokenDate, spokenTime, toolsCalledFor, utcOffset } from "@/providers/vapi/emulator/caller-tools";
import { matchIntent, parsePromptIntents, promptTimeZone } from "@/providers/vapi/emulator/prompt-intents";
import { CLINIC_PROMPT } from "./fixtures";

const intents = parsePromptIntents(CLINIC_PROMPT);
const TOOLS = [{ name: "check_availability" }, { name: "book_appointment" }, { name: "lookup_patient" }];

describe("prompt intents", () => {
  it("parses every intent block and nothing outside them", () => {
    expect(intents).toEqual([
      {
        name: "Book a cleaning",
        examples: ["book a cleaning", "teeth cleaning appointment", "записаться на чистку зубов"],
        answerEnglish: "Of course. Let me check when we can see you.",
        answerRussian: "Конечно. Давайте посмотрим, когда мы можем вас принять.",
        action: "book_appointment",
      },
      expect.objectContaining({ name: "Opening hours", action: undefined }),
      expect.objectContaining({ name: "Prices", examples: ["how much does a cleaning cost", "price list", "сколько стоит"] }),
    ]);
  });

  it("reads an Action of none with a note as no action", () => {
    expect(parsePromptIntents("### Intent: Parking\nAction: none (answer and carry on)")[0]?.action).toBeUndefined();
    expect(parsePromptIntents("### Intent: Human\nAction: transfer")[0]?.action).toBe("transfer");
  });

  it("finds the clinic's time zone written in parentheses", () => {
    expect(promptTimeZone("Local time: Monday 10:15 (Europe/London). ## Opening hours (Europe/London)")).toBe("Europe/London");
    expect(promptTimeZone("(Not/A_Zone) then (America/Argentina/Buenos_Aires)")).toBe("America/Argentina/Buenos_Aires");
    expect(promptTimeZone("(UTC)")).toBe("UTC");
    expect(promptTimeZone("no zone (here)")).toBeUndefined();
  });

  it("reads list-style fields and short language keys", () => {
    const parsed = parsePromptIntents(
      "#### Intent: Parking\n- Examples: parking; where to park\n- Answer (EN): Behind the building.\n- Answer (RU): За зданием.\n# Other\nAnswer (EN): ignored",
    );
    expect(parsed).toEqual([
      { name: "Parking", examples: ["parking", "where to park"], answerEnglish: "Behind the building.", answerRussian: "За зданием." },
    ]);
  });

  it.each([
    ["Can I book a cleaning tomorrow at 10?", "Book a cleaning"],
    ["What are your opening hours?", "Opening hours"],
    ["Когда вы открыты?", "Opening hours"],
    ["Хочу записаться на чистку", "Book a cleaning"],
    ["How much is the price for that?", "Prices"],
    ["Do you sell bicycles?", undefined],
  ])("matches %j to %s", (utterance, expected) => {
    expect(matchIntent(utterance, intents)?.name).toBe(expected);
  });
});

describe("caller tools", () => {
  const now = new Date("2026-03-10T08:00:00Z"); // Tuesday

  it("calls availability then booking for booking words, availability alone for availability words, nothing otherwise", () => {
    const names = (utterance: string) => toolsCalledFor(utterance, matchIntent(utterance, intents), TOOLS).map((tool) => tool.name);
    expect(names("I'd like to book an appointment")).toEqual(["check_availability", "book_appointment"]);
    expect(names("Можно записаться на приём?")).toEqual(["check_availability", "book_appointment"]);
    expect(names("Do you have any free slots on Friday?")).toEqual(["check_availability"]);
    expect(names("What are your opening hours?")).toEqual([]);
    expect(toolsCalledFor("book an appointment", undefined, [{ name: "lookup_patient" }])).toEqual([]);
  });

  it.each([
    ["tomorrow at 10", "2026-03-11"],
    ["today please", "2026-03-10"],
    ["the day after tomorrow", "2026-03-12"],
    ["on Friday", "2026-03-13"],
    ["next Tuesday", "2026-03-17"],
    ["в пятницу", "2026-03-13"],
    ["on 2026-04-01", "2026-04-01"],
    ["sometime", "2026-03-11"],
  ])("reads the date of %j", (utterance, expected) => {
    expect(spokenDate({ utterance, now, timeZone: "UTC" })).toBe(expected);
  });

  it("reads dates in the clinic's time zone", () => {
    // 23:30 UTC on the 10th is already the 11th in Moscow.
    expect(spokenDate({ utterance: "today", now: new Date("2026-03-10T23:30:00Z"), timeZone: "Europe/Moscow" })).toBe("2026-03-11");
  });

  it.each([
    ["at 10", "10:00"],
    ["at 10:30", "10:30"],
    ["3pm", "15:00"],
    ["12 am", "00:00"],
    ["в 9", "09:00"],
    ["no time", "10:00"],
    ["at 99", "10:00"],
  ])("reads the time of %j", (utterance, expected) => {
    expect(spokenTime(utterance)).toBe(expected);
  });

  it.each([
    ["2026-07-01", "10:00", "Europe/London", "+01:00"],
    ["2026-12-01", "10:00", "Europe/London", "+00:00"],
    ["2026-03-08", "12:00", "America/New_York", "-04:00"],
    ["2026-03-07", "12:00", "America/New_York", "-05:00"],
    ["2026-03-11", "10:00", "Asia/Kolkata", "+05:30"],
    ["2026-03-11", "00:00", "Europe/Moscow", "+03:00"],
    ["2026-03-11", "10:00", "UTC", "+00:00"],
  ])("gives %s %s in %s the offset %s", (date, time, zone, expected) => {
    expect(utcOffset(date, time, zone)).toBe(expected);
  });

  it("fills recognised and required parameters only", () => {
    const tool = {
      name: "book_appointment",
      parameters: {
        type: "object",
        properties: {
          start: { type: "string" },
          patientName: { type: "string" },
          phone: { type: "string" },
          durationMinutes: { type: "integer" },
          comment: { type: "string" },
          urgent: { type: "boolean" },
          optionalThing: { type: "string" },
        },
        required: ["start", "comment", "urgent"],
      },
    };
    expect(
      argumentsFor(tool, {
        utterance: "Book me tomorrow at 3pm",
        now,
        timeZone: "UTC",
        customerNumber: "+12015550123",
        callerName: "Anna",
      }),
    ).toEqual({
      start: "2026-03-11T15:00:00+00:00",
      patientName: "Anna",
      phone: "+12015550123",
      durationMinutes: 30,
      comment: "Book me tomorrow at 3pm",
      urgent: true,
    });
  });
});
