/**
 * Joins class names, skipping falsy ones. Components put their own classes first and the
 * caller's `className` last; there is no tailwind-merge, so pass classes that add to the
 * defaults (e.g. `w-full`, `mt-4`) rather than ones that fight them.
 */
export function cn(...classes: unknown[]): string {
  return classes.filter((c): c is string => typeof c === "string" && c.length > 0).join(" ");
}
