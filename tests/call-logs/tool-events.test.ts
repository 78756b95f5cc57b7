import { describe, expect, it } from "vitest";
import { plainSummary } from "@/server/call-logs/plain-summary";
import { describeToolEvent } from "@/server/call-logs/tool-events";
import { transcriptTurns } from "@/server/call-logs/transcript-turns";
import { translatorFor } from "@/server/i18n/translator";
import { explainEndedReason } from "@/shared/ended-reasons";

const en = translatorFor("en");

const zone = "Europe/London";

describe("describeToolEvent", () => {
  it("free times on the asked day: the day and its times", () => {
    const text = describeToolEvent(
      {
        name: "check_availability",
        arguments: '{"date":"2026-12-07","preferred_time":"10:00"}',
        result: "Free times: Monday 7 December at 09:30, 09:45, 10:00, 10:15 and 10:30 (Europe/London, UTC+00:00).",
      },
      zone,
    );
    expect(text).toBe("Checked free times for Mon 7 Dec: 09:30, 09:45, 10:00, 10:15, 10:30");
  });

  it("a full day: says none and lists the nearest, with their days", () => {
    const text = describeToolEvent(
      {
        name: "check_availability",
        arguments: { date: "2026-12-06" },
        result:
          "No free times on Sunday 6 December. The nearest free times after it: Monday 7 December at 09:00 and 09:15, or Tuesday 8 December at 09:00 (Europe/London, UTC+00:00).",
      },
      zone,
    );
    expect(text).toBe("Checked free times for Sun 6 Dec: none that day; the nearest are Mon 7 Dec 09:00, 09:15, Tue 8 Dec 09:00");
  });

  it("Russian answers are read too", () => {
    expect(
      describeToolEvent(
        {
          name: "check_availability",
          arguments: '{"date":"2026-12-07"}',
          result: "Свободное время: понедельник, 7 декабря в 09:30 и 10:00 (Europe/Moscow, UTC+03:00).",
        },
        zone,
      ),
    ).toBe("Checked free times for Mon 7 Dec: понедельник, 7 декабря 09:30, 10:00");
  });

  it("a booking: when, on the clinic's clock, and for whom", () => {
    const booked = describeToolEvent(
      {
        name: "book_appointment",
        arguments: '{"start":"2026-12-07T10:00:00+00:00","customer_name":"Jane Doe","reason":"cleaning"}',
        result: "Booked: Jane Doe on Monday 7 December at 10:00 (Europe/London). The clinic has it in its calendar.",
      },
      zone,
    );
    expect(booked).toBe("Booked Mon 7 Dec 10:00 for Jane Doe");
    // A start in another offset is told on the clinic's clock.
    expect(
      describeToolEvent(
        {
          name: "book_appointment",
          arguments: { start: "2026-07-07T12:00:00+03:00", customer_name: "Ivan" },
          result: "Записано: Ivan, вторник в 10:00.",
        },
        zone,
      ),
    ).toBe("Booked Tue 7 Jul 10:00 for Ivan");
  });

  it("a refused booking says why, in the tool's words", () => {
    expect(
      describeToolEvent(
        {
          name: "book_appointment",
          arguments: '{"start":"2026-12-07T10:00:00Z","customer_name":"Jane Doe"}',
          result: "That time was just taken. The nearest free times are Monday 7 December at 10:15 (Europe/London, UTC+00:00).",
        },
        zone,
      ),
    ).toBe(
      "Could not book Mon 7 Dec 10:00 for Jane Doe: That time was just taken. The nearest free times are Monday 7 December at 10:15 (Europe/London, UTC+00:00).",
    );
    expect(
      describeToolEvent(
        {
          name: "book_appointment",
          arguments: "{}",
          result: "Booking is not available right now (the clinic's calendar is not connected). Offer to take a message.",
        },
        zone,
      ),
    ).toBe("Could not book the appointment: the calendar is not connected");
  });

  it("never shows JSON: bad or JSON arguments and results, unknown tools", () => {
    const texts = [
      describeToolEvent({ name: "check_availability", arguments: "{not json", result: '{"slots":["09:00"]}' }, zone),
      describeToolEvent({ name: "book_appointment", arguments: '{"start":"soon","customer_name":{"x":1}}', result: undefined }, zone),
      describeToolEvent({ name: "lookupPatient_record", arguments: '{"id":1}', result: '[{"id":1}]' }, zone),
      describeToolEvent({ name: "check_availability", arguments: { date: "2026-02-30" }, result: "Free times: none." }, zone),
    ];
    expect(texts).toEqual([
      "Checked free times (no answer recorded)",
      "Tried to book an appointment (no answer recorded)",
      "Used lookup patient record",
      "Checked free times: none",
    ]);
    for (const text of texts) expect(text).not.toMatch(/[{}[\]"]/);
    expect(describeToolEvent({ name: "transferCall", arguments: "{}" }, zone)).toBe("Transferred the call to the clinic's team");
  });
});

describe("transcript events and the plain summary", () => {
  const messages = [
    { role: "bot", message: "Hello, Harbour Dental.", secondsFromStart: 0 },
    { role: "user", message: "Can I book a cleaning tomorrow at 10? My name is Jane Doe.", secondsFromStart: 4 },
    {
      role: "tool_calls",
      message: "",
      toolCalls: [
        { id: "t1", type: "function", function: { name: "check_availability", arguments: '{"date":"2026-12-07"}' } },
        {
          id: "t2",
          type: "function",
          function: { name: "book_appointment", arguments: '{"start":"2026-12-07T10:00:00Z","customer_name":"Jane Doe"}' },
        },
      ],
      secondsFromStart: 8,
    },
    {
      role: "tool_call_result",
      toolCallId: "t1",
      name: "check_availability",
      result: "Free times: Monday 7 December at 10:00 (Europe/London, UTC+00:00).",
      secondsFromStart: 9,
    },
    {
      role: "tool_call_result",
      toolCallId: "t2",
      name: "book_appointment",
      result: "Booked: Jane Doe on Monday 7 December at 10:00.",
      secondsFromStart: 9,
    },
    { role: "tool_call_result", toolCallId: "orphan", name: "book_appointment", result: "Booked: someone.", secondsFromStart: 10 },
    { role: "bot", message: "You are booked.", secondsFromStart: 12 },
  ];

  it("a call and its result are one event at the call's place; an orphan result is told alone", () => {
    const turns = transcriptTurns(messages, null, zone);
    expect(turns.map((turn) => [turn.speaker, turn.text])).toEqual([
      ["assistant", "Hello, Harbour Dental."],
      ["caller", "Can I book a cleaning tomorrow at 10? My name is Jane Doe."],
      ["tool", "Checked free times for Mon 7 Dec: 10:00"],
      ["tool", "Booked Mon 7 Dec 10:00 for Jane Doe"],
      ["tool", "Booked an appointment"],
      ["assistant", "You are booked."],
    ]);
  });

  it("summarises from the outcome in plain words, never tool names", () => {
    const turns = transcriptTurns(messages.slice(0, 5), null, zone);
    const summary = plainSummary({ explained: explainEndedReason("ended", "customer-ended-call", en), turns, t: en });
    expect(summary).toBe(
      'The caller said: "Can I book a cleaning tomorrow at 10? My name is Jane Doe.". Booked Mon 7 Dec 10:00 for Jane Doe.',
    );
    expect(summary).not.toMatch(/check_availability|book_appointment/);
    const transferred = plainSummary({
      explained: explainEndedReason("ended", "assistant-forwarded-call", en),
      turns: turns.slice(0, 3),
      t: en,
    });
    expect(transferred).toBe(
      'The caller said: "Can I book a cleaning tomorrow at 10? My name is Jane Doe.". Checked free times for Mon 7 Dec: 10:00; nothing was booked. The call was transferred to the clinic\'s team.',
    );
    expect(plainSummary({ explained: explainEndedReason("in-progress", null, en), turns, t: en })).toBeNull();
  });

  it("tells the events, the summary and why the call ended in Russian for a Russian reader", () => {
    const ru = translatorFor("ru");
    const turns = transcriptTurns(messages.slice(0, 5), null, zone, "ru");
    const events = turns.filter((turn) => turn.speaker === "tool").map((turn) => turn.text);
    expect(events).toEqual(["Проверено свободное время на пн 7 дек.: 10:00", "Записано: пн 7 дек. 10:00 для Jane Doe"]);
    const explained = explainEndedReason("ended", "customer-ended-call", ru);
    expect(explained.label).toBe("Звонящий положил трубку");
    expect(plainSummary({ explained, turns, t: ru })).toBe(
      "Звонящий сказал: «Can I book a cleaning tomorrow at 10? My name is Jane Doe.». Записано: пн 7 дек. 10:00 для Jane Doe.",
    );
  });
});
