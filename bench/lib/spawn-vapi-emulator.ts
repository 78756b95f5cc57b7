import { spawnBenchProcess } from "./spawn-process";

/** The Vapi emulator in a child process: its URL, how many calls it created, and a way to stop it. */
export async function spawnVapiEmulator(
  apiKey: string,
): Promise<{ url: string; pid: number; callsCreated(): Promise<number>; close(): void }> {
  const { firstLine: url, child } = await spawnBenchProcess("vapi-emulator-process.ts", [apiKey]);
  return {
    url,
    pid: child.pid!,
    async callsCreated() {
      const response = await fetch(`${url}/call`, { headers: { authorization: `Bearer ${apiKey}` } });
      if (!response.ok) return -1;
      const body = (await response.json()) as unknown[];
      return Array.isArray(body) ? body.length : -1;
    },
    close: () => child.kill(),
  };
}
