import { createGoogleCalendar, type GoogleCalendar } from "@/providers/google/calendar";
import type { GoogleConfig } from "@/providers/google/config";
import { createGoogleOAuth, type GoogleOAuth } from "@/providers/google/oauth";
import { getConfig } from "@/server/config";
import { DomainError } from "@/server/errors";

export interface GoogleServices {
  config: GoogleConfig;
  oauth: GoogleOAuth;
  calendar: GoogleCalendar;
}

const byConfig = new WeakMap<GoogleConfig, GoogleServices>();

/** The Google clients for this process's configuration, or undefined when Google is not configured. */
export function googleServices(): GoogleServices | undefined {
  const config = getConfig().google;
  if (!config) return undefined;
  let services = byConfig.get(config);
  if (!services) {
    services = { config, oauth: createGoogleOAuth(config), calendar: createGoogleCalendar(config) };
    byConfig.set(config, services);
  }
  return services;
}

export function requireGoogleServices(): GoogleServices {
  const services = googleServices();
  if (!services) {
    throw new DomainError(
      "provider_unavailable",
      "Google Calendar is not set up on this server: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET.",
      { reason: "google_not_configured" },
    );
  }
  return services;
}

/** Where Google sends the browser back: PUBLIC_BASE_URL + the callback path, byte for byte as registered. */
export function calendarRedirectUri(): string {
  return `${getConfig().publicBaseUrl}/api/calendar/callback`;
}
