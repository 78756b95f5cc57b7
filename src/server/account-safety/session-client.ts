/** What a session remembers of the browser that opened it (the sessions list). */
export interface SessionClient {
  userAgent: string | undefined;
  ipAddress: string | undefined;
}

export function sessionClientOf(req: Request, ipAddress: string): SessionClient {
  const agent = req.headers.get("user-agent") ?? undefined;
  return {
    // Printable text only, cut to the column's 300 characters.
    userAgent: agent?.replace(/[^\x20-\x7E\u00A0-\uFFFF]/g, "").slice(0, 300) || undefined,
    ipAddress: ipAddress.slice(0, 64),
  };
}
