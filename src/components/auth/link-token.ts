/**
 * The token of an emailed link, from the page's URL fragment (`#token=…`): browsers never send a
 * fragment to the server or in a Referer (decision 015). Null when the link has none.
 */
export function tokenFromFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token")?.trim();
  return token ? token : null;
}

/** The refusals of an emailed link (details.reason of the API's 404 / 409 / 410). */
export type LinkRefusal = "link_invalid" | "link_used" | "link_expired" | "other_account" | "email_taken";

const refusals = new Set<string>(["link_invalid", "link_used", "link_expired", "other_account", "email_taken"]);

export function linkRefusalOf(reason: unknown): LinkRefusal | null {
  return typeof reason === "string" && refusals.has(reason) ? (reason as LinkRefusal) : null;
}
