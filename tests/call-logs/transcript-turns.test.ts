import { describe, expect, it } from "vitest";
import { transcriptTurns } from "@/server/call-logs/transcript-turns";

describe("transcriptTurns", () => {
  it("reads Vapi's messages: speakers, tool calls with their results as events, without the system prompt", () => {
    const messages = [
      { role: "system", message: "You are the receptionist of Harbour Dental…", time: 1, secondsFromStart: 0 },
      { role: "bot", message: "Hello, Harbour Dental.", time: 2, secondsFromStart: 0.4 },
      { role: "user", message: " Can I book a cleaning tomorrow at 10? ", time: 3, secondsFromStart: 4.4 },
      {
        role: "tool_calls",
        message: "",
        toolCalls: [{ id: "t1", type: "function", function: { name: "book_appointment", arguments: '{"start":"2026-03-09T10:00"}' } }],
        secondsFromStart: 8.4,
      },
      { role: "tool_call_result", toolCallId: "t1", name: "book_appointment", result: "Booked for 10:00.", secondsFromStart: 8.4 },
      { role: "bot", message: "You are booked for 10:00.", secondsFromStart: 9.4 },
      { role: "user", message: "" },
      "not a message",
    ];
    expect(transcriptTurns(messages, "ignored when messages exist")).toEqual([
      { speaker: "assistant", text: "Hello, Harbour Dental.", seconds_from_start: 0.4 },
      { speaker: "caller", text: "Can I book a cleaning tomorrow at 10?", seconds_from_start: 4.4 },
      // The call and its result are one event in plain words, never the JSON arguments.
      { speaker: "tool", tool: "book_appointment", text: "Booked Mon 9 Mar 10:00", event: "booked", seconds_from_start: 8.4 },
      { speaker: "assistant", text: "You are booked for 10:00.", seconds_from_start: 9.4 },
    ]);
  });

  it("falls back to the transcript's AI / User lines, joining wrapped lines", () => {
    expect(transcriptTurns(null, "AI: Hello.\nUser: Когда вы открыты?\nи в субботу тоже\nAI: С девяти.")).toEqual([
      { speaker: "assistant", text: "Hello.", seconds_from_start: null },
      { speaker: "caller", text: "Когда вы открыты? и в субботу тоже", seconds_from_start: null },
      { speaker: "assistant", text: "С девяти.", seconds_from_start: null },
    ]);
    expect(transcriptTurns([], null)).toEqual([]);
    expect(transcriptTurns([{ role: "system", message: "prompt" }], "User: hi")).toEqual([
      { speaker: "caller", text: "hi", seconds_from_start: null },
    ]);
  });
});
