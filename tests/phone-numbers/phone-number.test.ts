import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CreateAppointmentInput } from "@/server/calendar/schemas";
import { CallRoutingInput } from "@/server/call-routing/schemas";
import { TestCallInput } from "@/server/test-calls/place-test-call";
import { invalidPhoneNumberMessage, normalisePhoneNumber, normaliseProviderNumber } from "@/shared/phone-number";
import { AddPhoneNumberInput } from "@/shared/schemas/phone-numbers";

describe("normalisePhoneNumber", () => {
  it.each([
    ["020 7946 0958", "GB", "+442079460958"],
    ["(020) 7946-0958", "GB", "+442079460958"],
    ["+44 20 7946 0958", undefined, "+442079460958"],
    ["0044 20 7946 0958", "FR", "+442079460958"],
    ["(201) 555-0123", "US", "+12015550123"],
    ["201.555.0123", "US", "+12015550123"],
    ["+1 201 555 0123", "GB", "+12015550123"],
    ["8 (495) 123-45-67", "RU", "+74951234567"],
    ["+7 495 123-45-67", undefined, "+74951234567"],
    ["+74951234567", undefined, "+74951234567"],
    ["+1 555 123 0000", undefined, "+15551230000"],
    ["(555) 123-0000", "US", "+15551230000"],
    // Ofcom's numbers for drama: a UK clinic's demo and training numbers.
    ["07700 900123", "GB", "+447700900123"],
    ["+44 7700 900000", undefined, "+447700900000"],
    ["+447700900999", "RU", "+447700900999"],
    ["01632 960123", "GB", "+441632960123"],
    ["0115 496 0123", "GB", "+441154960123"],
    ["020 7946 0123", "GB", "+442079460123"],
  ])("reads %s (country %s) as %s", (input, country, expected) => {
    expect(normalisePhoneNumber(input, country)).toBe(expected);
  });

  it.each([
    ["020 7946 0958", undefined, "a national number without a country"],
    ["12345", "GB", "too short"],
    ["+44 20 7946 09581234", undefined, "too long"],
    ["+1 099 555 0123", undefined, "an area code the US does not assign"],
    ["+1 555 123 00001", undefined, "the fictional 555 area code, one digit too many"],
    ["+44 7700 901123", undefined, "next to the drama range: a mobile range the UK has not assigned"],
    ["+44 7700 9001234", undefined, "the drama range, one digit too many"],
    ["call me", "GB", "not a number"],
    ["", "GB", "empty"],
  ])("refuses %s (country %s): %s", (input, country, _reason) => {
    expect(normalisePhoneNumber(input, country)).toBeNull();
  });
});

describe("one reading of phone numbers, everywhere", () => {
  const accepted = [
    "+442079460958",
    "+12015550123",
    "+74951234567",
    "+447700900123",
    "+44 7700 900 456",
    "+441632960001",
    "+15551230000",
    "+15557654321",
  ];
  const refused = ["+1 099 555 0123", "+44 20 7946 09581234", "+44 7700 901123", "12345", "call me"];

  it("the clinic's numbers, a patient's phone, staff destinations and a test call's caller accept and refuse the same numbers", () => {
    const appointment = { summary: "Check-up", start: "2030-01-07T09:00:00Z", end: "2030-01-07T09:30:00Z", customer_name: "Ann" };
    const routingSettings = {
      ring_timeout_seconds: 20,
      ring_staff_first: false,
      ring_staff_first_seconds: 15,
      no_answer: "voicemail",
      after_hours_mode: "assistant",
      on_call_number: null,
      emergency_transfer: false,
    };
    for (const sample of [...accepted, ...refused]) {
      const expected = normalisePhoneNumber(sample);
      expect({ sample, accepted: expected !== null }).toEqual({ sample, accepted: accepted.includes(sample) });
      const number = AddPhoneNumberInput.safeParse({ phone_number: sample, is_active: true });
      const booking = CreateAppointmentInput.safeParse({ ...appointment, customer_phone: sample });
      const routing = CallRoutingInput.safeParse({ ...routingSettings, staff_destinations: [{ name: "Front desk", number: sample }] });
      const testCall = TestCallInput.safeParse({ from: sample });
      expect({ sample, number: number.success ? number.data.phone_number : null }).toEqual({ sample, number: expected });
      expect({ sample, booking: booking.success ? booking.data.customer_phone : null }).toEqual({ sample, booking: expected });
      expect({ sample, routing: routing.success ? routing.data.staff_destinations?.[0]?.number : null }).toEqual({
        sample,
        routing: expected,
      });
      expect({ sample, testCall: testCall.success ? testCall.data.from : null }).toEqual({ sample, testCall: expected });
    }
  });

  it("a caller's number reads as the dashboard reads it: a patient made by a call can be edited and booked with that number", () => {
    for (const sample of accepted.filter((n) => !n.includes(" "))) {
      expect(normaliseProviderNumber(sample)).toBe(normalisePhoneNumber(sample));
    }
    // Beyond the rule, a carrier's E.164 caller id is kept as it came (a real call came from it).
    expect(normaliseProviderNumber("+10995550123")).toBe("+10995550123");
    expect(normaliseProviderNumber("anonymous")).toBeNull();
  });

  it("every import of libphonenumber-js names the min metadata (the browser ships one set)", () => {
    const root = path.resolve(__dirname, "../../src");
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
      );
    const specifiers = files(root).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/from\s+["'](libphonenumber-js[^"']*)["']/g)].map(
        (m) => `${path.relative(root, file)}: ${m[1]}`,
      ),
    );
    expect(specifiers.length).toBeGreaterThan(0);
    // The example numbers (4 KB) are data for form hints, not a second metadata set.
    expect(specifiers.filter((line) => !/: libphonenumber-js\/(min|examples\.mobile\.json)$/.test(line))).toEqual([]);
  });
});

describe("invalidPhoneNumberMessage", () => {
  it("is a sentence with an example of the chosen country's numbers", () => {
    expect(invalidPhoneNumberMessage("GB")).toMatch(
      /^This isn't a valid United Kingdom phone number\. .*like 07\d{3} \d{6}, .*like \+44 7\d{3} \d{6}\.$/,
    );
    expect(invalidPhoneNumberMessage("RU")).toContain("Russia");
    expect(invalidPhoneNumberMessage()).toMatch(/^This isn't a valid phone number\. .*\.$/);
  });
});
