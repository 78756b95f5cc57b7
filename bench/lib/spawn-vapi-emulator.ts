import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The Vapi emulator in a child process: its URL, how many calls it created, and a way to stop it. */
export async function spawnVapiEmulator(apiKey: string): Promise<{ url: string; callsCreated(): Promise<number>; close(): void }> {
  const child = spawn(path.resolve(here, "../../node_modules/.bin/tsx"), [path.join(here, "vapi-emulator-process.ts"), apiKey], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, LOG_LEVEL: "silent" },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const line = buffered.split("\n")[0];
      if (buffered.includes("\n") && line) resolve(line.trim());
    });
    child.once("exit", (code) => reject(new Error(`Vapi emulator exited (${code}) before listening`)));
  });
  return {
    url,
    async callsCreated() {
      const response = await fetch(`${url}/call`, { headers: { authorization: `Bearer ${apiKey}` } });
      if (!response.ok) return -1;
      const body = (await response.json()) as unknown[];
      return Array.isArray(body) ? body.length : -1;
    },
    close: () => child.kill(),
  };
}
