import { createHmac } from "node:crypto";

/**
 * Id tokens the emulator issues: HS256 JWTs keyed with the client secret (the OpenID Connect
 * rule for symmetric signing), with the claims Google puts in its own.
 * Google signs with RS256; our reader does not check signatures (see ../read-id-token.ts), so the
 * difference does not matter to the code under test.
 */
export interface IdTokenClaimsInput {
  clientId: string;
  clientSecret: string;
  email: string;
  subject: string;
  issuedAtSeconds: number;
  lifetimeSeconds: number;
}

export function issueIdToken(input: IdTokenClaimsInput): string {
  const header = { alg: "HS256", typ: "JWT" };
  const payload = {
    iss: "https://accounts.google.com",
    azp: input.clientId,
    aud: input.clientId,
    sub: input.subject,
    email: input.email,
    email_verified: true,
    iat: input.issuedAtSeconds,
    exp: input.issuedAtSeconds + input.lifetimeSeconds,
  };
  const signingInput = `${encodePart(header)}.${encodePart(payload)}`;
  const signature = createHmac("sha256", input.clientSecret).update(signingInput).digest("base64url");
  return `${signingInput}.${signature}`;
}

function encodePart(value: object): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}
