import pino from "pino";

/**
 * The one logger. Fields that can carry secrets are redacted wherever they appear, so a
 * careless `log.info({ req })` cannot leak a session, token or password.
 */
export const log = pino({
  level: process.env.LOG_LEVEL || "info",
  base: undefined,
  redact: {
    paths: [
      "password",
      "*.password",
      "token",
      "*.token",
      "*.access_token",
      "*.refresh_token",
      "authorization",
      "*.authorization",
      "cookie",
      "*.cookie",
      "headers.authorization",
      "headers.cookie",
      "*.headers.authorization",
      "*.headers.cookie",
      "*.encryptionKey",
      "encryptionKey",
    ],
    censor: "[redacted]",
  },
});
