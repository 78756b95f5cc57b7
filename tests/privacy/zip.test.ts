import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, writeZip } from "@/server/privacy/zip";
import { readZip } from "../helpers/read-zip";

const entries = [
  { name: "organisation.json", data: JSON.stringify({ name: "Harbour Dental", note: "Здравствуйте" }) },
  { name: "calls.csv", data: `id,transcript\n${"1,hello there\n".repeat(500)}` },
  { name: "empty.csv", data: "" },
  { name: "binary.bin", data: Buffer.from([0, 1, 2, 253, 254, 255]) },
  { name: "пациенты.json", data: "[]" },
];

describe("writeZip", () => {
  it("computes the CRC-32 zip uses (the check value, and zlib's where Node has it)", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    const sample = Buffer.from("Clinicall export — данные");
    if (typeof zlibCrc32 === "function") expect(crc32(sample)).toBe(zlibCrc32(sample));
  });

  it("round-trips every entry through a reader (deflated and stored, UTF-8 names)", () => {
    const files = readZip(writeZip(entries, new Date("2026-12-06T03:00:00Z")));
    expect([...files.keys()]).toEqual(entries.map((e) => e.name));
    for (const entry of entries) expect(files.get(entry.name)!.equals(Buffer.from(entry.data as string))).toBe(true);
  });

  it("refuses names that climb out of the archive or repeat", () => {
    expect(() => writeZip([{ name: "../x", data: "" }])).toThrow();
    expect(() => writeZip([{ name: "/etc/x", data: "" }])).toThrow();
    expect(() =>
      writeZip([
        { name: "a", data: "" },
        { name: "a", data: "" },
      ]),
    ).toThrow();
  });

  it.skipIf(!existsSync("/usr/bin/unzip"))("Info-ZIP's unzip tests and lists it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "zip-test-"));
    try {
      const file = path.join(dir, "export.zip");
      writeFileSync(file, writeZip(entries));
      const tested = execFileSync("/usr/bin/unzip", ["-t", file], { encoding: "utf8" });
      expect(tested).toMatch(/No errors detected/);
      const listed = execFileSync("/usr/bin/unzip", ["-l", file], { encoding: "utf8" });
      expect(listed).toContain("calls.csv");
      expect(execFileSync("/usr/bin/unzip", ["-p", file, "organisation.json"], { encoding: "utf8" })).toBe(entries[0]!.data);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
