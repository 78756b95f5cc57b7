// Node's HTTP server timeouts for scripts/serve.mjs: a client that sends its headers or its
// body too slowly is answered 408 and disconnected instead of holding a socket (slowloris).
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000, // all request headers within 10 s
  requestTimeout: 30_000, // the whole request, body included, within 30 s (the largest body is 5 MB)
  connectionsCheckingInterval: 1_000, // how often Node enforces the two above
};
