/**
 * Where the sign-in side sends a person to the Account page (decision 015): a member whose clinic
 * requires two-factor sign-in and who has none enrols in its two-factor section first.
 */
export const ACCOUNT_PATH = "/dashboard/account";
export const TWO_FACTOR_ENROL_PATH = `${ACCOUNT_PATH}#two-factor`;

/** Demo mode's inbox page: every email the installation sent (decision 015). */
export const DEMO_INBOX_PATH = "/dashboard/demo-inbox";
