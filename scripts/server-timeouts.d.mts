export declare const SERVER_TIMEOUTS: {
  headersTimeout: number;
  requestTimeout: number;
  connectionsCheckingInterval: number;
};
