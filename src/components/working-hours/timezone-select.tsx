"use client";

import { useMemo } from "react";
import { Select } from "@/components/ui/select";

/** Every IANA timezone the browser knows, plus UTC and the current value if it is missing. */
export function TimezoneSelect({ value, disabled, onChange }: { value: string; disabled: boolean; onChange: (tz: string) => void }) {
  const options = useMemo(() => {
    const zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
    if (value) zones.add(value);
    return [...zones].sort().map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));
  }, [value]);
  return <Select value={value} disabled={disabled} options={options} onChange={(e) => onChange(e.target.value)} />;
}
