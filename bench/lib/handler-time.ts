/** The bench app server's answer header: ms from a request's arrival in the server to its answer's headers. */
export const HANDLER_MS_HEADER = "x-bench-handler-ms";

export function handlerMs(response: Response): number | undefined {
  const value = Number(response.headers.get(HANDLER_MS_HEADER));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
