import { z } from "zod";
import { type AllowedOrigin, allowedOrigin } from "@/server/outbound/allowed-origin";

/** Where Vapi stores call recordings by default. */
const DEFAULT_RECORDING_ORIGINS = ["https://storage.vapi.ai"];

const originList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .refine(
    (items) =>
      items.length > 0 &&
      items.every((item) => {
        try {
          const url = new URL(item);
          return (
            (url.protocol === "https:" || url.protocol === "http:") &&
            !url.username &&
            !url.password &&
            url.origin === item.replace(/\/$/, "")
          );
        } catch {
          return false;
        }
      }),
    { message: "must be a comma-separated list of http(s) origins, such as https://storage.vapi.ai,https://recordings.example.com" },
  );

export const recordingOriginsShape = {
  RECORDING_ORIGINS: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), originList.optional()),
};

/**
 * The outbound guard's allow-list. Origins the operator named (RECORDING_ORIGINS, or a
 * VAPI_API_URL or TWILIO_API_URL that was set) may resolve to private addresses: that is how an emulator on
 * loopback or a storage proxy on the private network is reached. The defaults may not.
 */
export function recordingOriginsFromEnv(
  env: { VAPI_API_URL: string; TWILIO_API_URL?: string; RECORDING_ORIGINS?: string[] | undefined },
  options: { vapiApiUrlExplicit: boolean; twilioApiUrlExplicit?: boolean },
): AllowedOrigin[] {
  const list = [
    allowedOrigin(env.VAPI_API_URL, options.vapiApiUrlExplicit),
    // The Twilio REST API base: voicemail RecordingUrls point at it.
    allowedOrigin(env.TWILIO_API_URL ?? "https://api.twilio.com", Boolean(options.twilioApiUrlExplicit)),
    ...(env.RECORDING_ORIGINS ?? DEFAULT_RECORDING_ORIGINS).map((origin) => allowedOrigin(origin, env.RECORDING_ORIGINS !== undefined)),
  ];
  const byOrigin = new Map<string, AllowedOrigin>();
  for (const item of list) {
    const seen = byOrigin.get(item.origin);
    byOrigin.set(item.origin, {
      origin: item.origin,
      privateAddressesAllowed: item.privateAddressesAllowed || Boolean(seen?.privateAddressesAllowed),
    });
  }
  return [...byOrigin.values()];
}
