import type { MessageKeys, Messages, NestedKeyOf } from "next-intl";

/**
 * Any full message key ("calls.outcome.booked"). Code that picks a message at run time keeps a
 * map from its values to full keys written out (`satisfies Record<Outcome, MessageKey>`), never
 * builds a key from pieces: the catalogue test finds used keys as string literals in src/.
 */
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;
