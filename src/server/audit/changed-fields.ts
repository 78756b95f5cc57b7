/**
 * The names of the fields whose values differ between a row before a change and the values
 * written (compared as JSON; a missing `before` row means every field written is new). The audit
 * log records these names, never the values, for settings that may hold personal data.
 */
export function changedFields(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
  return Object.keys(after)
    .filter((key) => after[key] !== undefined && (!before || JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)))
    .sort();
}
