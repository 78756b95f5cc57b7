/**
 * The demo clinic's sign-in, shown on the log-in page in demo mode only (and in the README).
 * Demo mode never runs in production; the account exists only in a demo data directory.
 */
export const DEMO_LOGIN = { email: "demo@clinicall.test", password: "clinicall-demo" } as const;
