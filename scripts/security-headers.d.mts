import type { IncomingMessage, ServerResponse } from "node:http";

export interface SecurityHeaderOptions {
  /** The public origin (PUBLIC_BASE_URL): https turns on HSTS and upgrade-insecure-requests. */
  publicBaseUrl: string;
  /** next dev: the policy also allows 'unsafe-eval'. */
  dev: boolean;
}

export declare function newNonce(): string;
export declare function contentSecurityPolicy(options: { nonce: string; https: boolean; dev: boolean }): string;
export declare function securityHeaders(options: SecurityHeaderOptions & { nonce: string }): Record<string, string>;
export declare function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: SecurityHeaderOptions): void;
