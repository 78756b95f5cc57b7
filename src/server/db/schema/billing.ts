import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organisations } from "./organisations";

/** One Stripe customer per organisation (written by billing on the service path only). */
export const billingCustomers = pgTable("billing_customers", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  stripeCustomerId: text("stripe_customer_id").notNull().unique(),
  ...timestamps,
});

/** The webhook's ledger: each Stripe event id once per organisation (service path only). */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.eventId] })],
);

/** Billable minutes, one row per ended call; `reportedAt` once Stripe has the meter event. */
export const billingUsage = pgTable(
  "billing_usage",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    callId: uuid("call_id").notNull(),
    seconds: integer("seconds").notNull(),
    minutes: integer("minutes").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    reportedAt: timestamp("reported_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.callId] })],
);
