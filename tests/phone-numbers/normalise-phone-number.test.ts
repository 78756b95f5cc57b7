import { describe, expect, it } from "vitest";
import { normalisePhoneNumber } from "@/server/phone-numbers/normalise-phone-number";

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
  ])("reads %s (country %s) as %s", (input, country, expected) => {
    expect(normalisePhoneNumber(input, country)).toBe(expected);
  });

  it.each([
    ["020 7946 0958", undefined, "a national number without a country"],
    ["12345", "GB", "too short"],
    ["+44 20 7946 09581234", undefined, "too long"],
    ["+1 099 555 0123", undefined, "an area code the US does not assign"],
    ["call me", "GB", "not a number"],
    ["", "GB", "empty"],
  ])("refuses %s (country %s): %s", (input, country, _reason) => {
    expect(normalisePhoneNumber(input, country)).toBeNull();
  });
});
