import { describe, expect, it } from "vitest";
import { csvCell, csvPhoneCell, csvRow } from "@/server/call-logs/csv";

describe("csvCell", () => {
  it.each([
    ['=HYPERLINK("http://evil.test","x")', '"\'=HYPERLINK(""http://evil.test"",""x"")"'],
    ["+15551230000", "'+15551230000"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", '"\'\t=1+1"'],
    ["\r=1+1", '"\'\r=1+1"'],
    ["=1,2", '"\'=1,2"'],
  ])("escapes a cell that starts a formula: %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    [" =1+1", "' =1+1"],
    ["   @SUM(A1)", "'   @SUM(A1)"],
    ["\u00a0=1+1", "'\u00a0=1+1"],
    ["\u3000+1", "'\u3000+1"],
    ["\ufeff=1", "'\ufeff=1"],
    ["\n=1+1", '"\'\n=1+1"'],
    ["\r\n -1", '"\'\r\n -1"'],
    [",=1+1", '"\',=1+1"'],
    [";=1+1", '"\';=1+1"'],
    ["|=cmd|' /C calc'!A0", "\"'|=cmd|' /C calc'!A0\""],
    [" ; , =1", '"\' ; , =1"'],
    ["\uff1dHYPERLINK(1)", "'\uff1dHYPERLINK(1)"],
    ["\uff20SUM(1)", "'\uff20SUM(1)"],
    ["\tplain", '"\'\tplain"'],
  ])("escapes a formula after leading white space or separators: %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ["a;=1+1", '"a;=1+1"'],
    ["a|=1+1", '"a|=1+1"'],
    ["a\t=1+1", '"a\t=1+1"'],
  ])("quotes a cell that a locale's separator would split into a formula cell: %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("escapes every generated cell whose first non-space, non-separator character starts a formula", () => {
    const lead = [" ", "\t", "\r", "\n", ",", ";", "|", "\u00a0", "\u2003", ""];
    const starts = ["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"];
    for (const a of lead)
      for (const b of lead)
        for (const start of starts) {
          const cell = csvCell(`${a}${b}${start}1+1`);
          const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
          expect(unquoted.startsWith("'"), JSON.stringify(`${a}${b}${start}`)).toBe(true);
        }
  });

  it.each([
    ["plain", "plain"],
    ["a, b", '"a, b"'],
    ['she said "hi"', '"she said ""hi"""'],
    ["two\nlines", '"two\nlines"'],
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

describe("csvPhoneCell", () => {
  it("writes an E.164 number as a constant text formula, so spreadsheets keep its + and digits without a visible apostrophe", () => {
    expect(csvPhoneCell("+15551230000")).toBe('"=""+15551230000"""');
    expect(csvPhoneCell("+447700900123")).toBe('"=""+447700900123"""');
  });

  it.each([
    ["+1555=1+1", "'+1555=1+1"],
    ['+1555"),HYPERLINK("x', '"\'+1555""),HYPERLINK(""x"'],
    ["+0123", "'+0123"],
    ["+1234567890123456", "'+1234567890123456"],
    ["=1+1", "'=1+1"],
    ["anonymous", "anonymous"],
  ])("falls back to the formula escaping for anything that is not exactly E.164: %j", (value, expected) => {
    expect(csvPhoneCell(value)).toBe(expected);
  });

  it("writes nothing for no number", () => {
    expect(csvPhoneCell(null)).toBe("");
    expect(csvPhoneCell(undefined)).toBe("");
  });
});
