import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/server/call-logs/csv";

describe("csvCell", () => {
  it.each([
    ["=HYPERLINK(\"http://evil.test\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\""],
    ["+15551230000", "'+15551230000"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "\"'\r=1+1\""],
    ["=1,2", "\"'=1,2\""],
  ])("escapes a cell that starts a formula: %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ["plain", "plain"],
    ["a, b", "\"a, b\""],
    ["she said \"hi\"", "\"she said \"\"hi\"\"\""],
    ["two\nlines", "\"two\nlines\""],
    ["Запись на приём", "Запись на приём"],
    ["1+1=2", "1+1=2"],
    ["", ""],
  ])("leaves ordinary text alone except for RFC 4180 quoting: %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("writes numbers as numbers (a negative one is escaped like any leading minus) and nothing for null", () => {
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(-1)).toBe("'-1");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvRow(["a", null, 3, "=x"])).toBe("a,,3,'=x\r\n");
  });
});
