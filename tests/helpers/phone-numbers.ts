/**
 * Valid numbers that no other test in the same database has used: the active-number index
 * spans every clinic, and a test file shares one database.
 */
let next = 0;

export function ukNumber() {
  const n = String(next++ % 1000).padStart(4, "0");
  return { national: `020 7946 ${n}`, e164: `+44207946${n}`, country: "GB" as const };
}

export function usNumber() {
  const n = String(next++ % 100).padStart(2, "0");
  return { national: `(201) 555-01${n}`, e164: `+120155501${n}`, country: "US" as const };
}

export function ruNumber() {
  const n = String(next++ % 10000).padStart(4, "0");
  return { national: `8 (495) 123-${n.slice(0, 2)}-${n.slice(2)}`, e164: `+7495123${n}`, country: "RU" as const };
}
