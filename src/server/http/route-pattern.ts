type Params = Record<string, string | string[] | undefined>;

/**
 * The route a request matched, written as its pattern (`/api/call-logs/[id]`): each segment that
 * carries a dynamic parameter is replaced by the parameter's name, so metrics and logs never
 * hold raw ids and their labels stay few.
 */
export function routePattern(pathname: string, params: Params): string {
  const segments = pathname.split("/");
  const decoded = segments.map(safeDecode);
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const parts = Array.isArray(value) ? value : [value];
    if (parts.length === 0) continue;
    const at = lastIndexOfRun(decoded, parts);
    if (at < 0) continue;
    const label = Array.isArray(value) ? `[...${name}]` : `[${name}]`;
    segments.splice(at, parts.length, label);
    decoded.splice(at, parts.length, label);
  }
  return segments.join("/");
}

function lastIndexOfRun(haystack: string[], run: string[]): number {
  for (let start = haystack.length - run.length; start >= 0; start--) {
    if (run.every((part, offset) => haystack[start + offset] === part)) return start;
  }
  return -1;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
