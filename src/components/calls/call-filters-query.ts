import type { CallOutcome } from "@/shared/ended-reasons";

/** The Calls page's filters, as the user set them. Dates are the clinic's local days. */
export interface CallFilters {
  q: string;
  outcome: CallOutcome | "";
  from: string;
  to: string;
}

export const noFilters: CallFilters = { q: "", outcome: "", from: "", to: "" };

export function hasFilters(filters: CallFilters): boolean {
  return Boolean(filters.q.trim() || filters.outcome || filters.from || filters.to);
}

/** The filters as the call-log API's query string (empty values left out). */
export function filtersQuery(filters: CallFilters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.outcome) params.set("outcome", filters.outcome);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  return params.toString();
}

/** A problem the API would refuse, said before asking it. */
export function filtersProblem(filters: CallFilters): string | null {
  if (filters.from && filters.to && filters.from > filters.to) return "The start date is after the end date.";
  return null;
}
