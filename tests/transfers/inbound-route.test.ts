import { describe, expect, it } from "vitest";
import { DEFAULT_CALL_ROUTING } from "@/server/call-routing/call-routing-json";
import { inboundRoute } from "@/server/transfers/inbound-route";
import { withConnectAction } from "@/server/transfers/transfer-twiml";
import type { OpeningHours } from "@/server/working-hours/opening-hours";

const eightToEight = (timezone: string): OpeningHours => ({
  timezone,
  days: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ day_of_week: d, ranges: [{ opens_at: "08:00", closes_at: "20:00" }] })),
  exceptions: [],
});
const voicemail = { ...DEFAULT_CALL_ROUTING, after_hours_mode: "voicemail" as const };
const kind = (hours: OpeningHours, at: string) => inboundRoute(voicemail, hours, new Date(at)).kind;

describe("inboundRoute in the clinic's time zone, across DST changes", () => {
  it("London spring forward (29 March 2026): 07:30 UTC is 08:30 BST, open; 06:30 UTC is 07:30 BST, closed", () => {
    const hours = eightToEight("Europe/London");
    expect(kind(hours, "2026-03-29T07:30:00Z")).toBe("assistant");
    expect(kind(hours, "2026-03-29T06:30:00Z")).toBe("voicemail");
  });

  it("London fall back night (25 October 2026): the repeated 01:30 is closed both times; 07:30 UTC is 07:30 GMT, closed", () => {
    const hours = eightToEight("Europe/London");
    expect(kind(hours, "2026-10-25T00:30:00Z")).toBe("voicemail"); // 01:30 BST
    expect(kind(hours, "2026-10-25T01:30:00Z")).toBe("voicemail"); // 01:30 GMT
    expect(kind(hours, "2026-10-25T07:30:00Z")).toBe("voicemail");
    expect(kind(hours, "2026-10-25T08:30:00Z")).toBe("assistant");
  });

  it("New York after DST ends (1 November 2026): 19:30 EST is 00:30 UTC next day, open; 20:30 EST closed", () => {
    const hours = eightToEight("America/New_York");
    expect(kind(hours, "2026-11-02T00:30:00Z")).toBe("assistant");
    expect(kind(hours, "2026-11-02T01:30:00Z")).toBe("voicemail");
  });

  it("a closed exception (holiday) is closed all day; an exception with hours opens a closed day", () => {
    const hours: OpeningHours = {
      ...eightToEight("Europe/London"),
      exceptions: [{ date: "2026-12-25", closed: true, ranges: [], label: "Christmas" }],
    };
    expect(kind(hours, "2026-12-25T12:00:00Z")).toBe("voicemail");
    expect(kind(hours, "2026-12-24T12:00:00Z")).toBe("assistant");
  });

  it("ring staff first only while open and with staff numbers; forward needs an on-call number", () => {
    const hours = eightToEight("Europe/London");
    const staff = [{ name: "Desk", number: "+441632960101", sms: false }];
    const noon = new Date("2026-06-01T11:00:00Z");
    const night = new Date("2026-06-01T23:00:00Z");
    expect(inboundRoute({ ...DEFAULT_CALL_ROUTING, ring_staff_first: true, staff_destinations: staff }, hours, noon)).toMatchObject({
      kind: "ring_first",
      seconds: 15,
    });
    expect(inboundRoute({ ...DEFAULT_CALL_ROUTING, ring_staff_first: true }, hours, noon).kind).toBe("assistant");
    expect(inboundRoute({ ...DEFAULT_CALL_ROUTING, ring_staff_first: true, staff_destinations: staff }, hours, night).kind).toBe(
      "assistant",
    );
    expect(
      inboundRoute({ ...DEFAULT_CALL_ROUTING, after_hours_mode: "forward", on_call_number: "+441632960177" }, hours, night),
    ).toMatchObject({
      kind: "forward",
      destinations: [{ name: "On call", number: "+441632960177" }],
    });
    expect(inboundRoute(voicemail, hours, noon, { hours: "closed" }).kind).toBe("voicemail");
    expect(inboundRoute(voicemail, hours, night, { hours: "open" })).toEqual({ kind: "assistant", open: true });
  });
});

describe("withConnectAction", () => {
  it("adds the action to Vapi's <Connect>, escaped, once", () => {
    const vapi = '<?xml version="1.0"?><Response><Connect><Stream url="wss://v/call/1/stream"/></Connect></Response>';
    const wrapped = withConnectAction(vapi, "https://c.example/api/webhooks/twilio/after-ai?call=1&x=2");
    expect(wrapped).toBe(
      '<?xml version="1.0"?><Response><Connect action="https://c.example/api/webhooks/twilio/after-ai?call=1&amp;x=2" method="POST"><Stream url="wss://v/call/1/stream"/></Connect></Response>',
    );
    expect(withConnectAction(wrapped, "https://other")).toBe(wrapped);
    expect(withConnectAction("<Response><Say>hi</Say></Response>", "https://x")).toBe("<Response><Say>hi</Say></Response>");
  });
});
