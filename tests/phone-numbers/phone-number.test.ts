import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CreateAppointmentInput } from "@/server/calendar/schemas";
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
  ])("reads %s (country %s) as %s", (input, country, expected) => {
    expect(normalisePhoneNumber(input, country)).toBe(expected);
  });

  it.each([
    ["020 7946 0958", undefined, "a national number without a country"],
    ["12345", "GB", "too short"],
    ["+44 20 7946 09581234", undefined, "too long"],
    ["+1 099 555 0123", undefined, "an area code the US does not assign"],
    ["+1 555 123 00001", undefined, "the fictional 555 area code, one digit too many"],
    ["call me", "GB", "not a number"],
    ["", "GB", "empty"],
  ])("refuses %s (country %s): %s", (input, country, _reason) => {
    expect(normalisePhoneNumber(input, country)).toBeNull();
  });
});

describe("one reading of phone numbers, everywhere", () => {
  const samples = ["+442079460958", "+12015550123", "+74951234567", "+1 099 555 0123", "+44 20 7946 09581234", "12345", "call me"];

  it("the clinic's numbers and the booking form's caller number accept and refuse the same numbers", () => {
    const appointment = { summary: "Check-up", start: "2030-01-07T09:00:00Z", end: "2030-01-07T09:30:00Z", customer_name: "Ann" };
    for (const sample of samples) {
      const number = AddPhoneNumberInput.safeParse({ phone_number: sample, is_active: true });
      const booking = CreateAppointmentInput.safeParse({ ...appointment, customer_phone: sample });
      const expected = normalisePhoneNumber(sample);
      expect({ sample, number: number.success ? number.data.phone_number : null }).toEqual({ sample, number: expected });
      expect({ sample, booking: booking.success ? booking.data.customer_phone : null }).toEqual({ sample, booking: expected });
    }
  });

  it("a provider's E.164 number that is valid reads the same as the dashboard reads it", () => {
    for (const sample of ["+442079460958", "+12015550123", "+74951234567"]) {
      expect(normaliseProviderNumber(sample)).toBe(normalisePhoneNumber(sample));
    }
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
