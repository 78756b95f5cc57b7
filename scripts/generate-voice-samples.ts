/**
 * Writes public/voice-samples/<agent id>.wav: a short synthesised clip per voice agent (no
 * speech engine ships with the app): a voiced "hum" at the agent's pitch through three vowel
 * formants, with the rise and fall of a greeting. 8 kHz, 8-bit mono, about 1.6 s, ~13 KB each.
 * Run `npx tsx scripts/generate-voice-samples.ts` after adding a voice agent; the output is
 * deterministic and committed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { voiceAgents } from "../src/server/voice-agents/catalogue";

const RATE = 8000;
/** Vowels of "hel-lo, how can I help" as formant frequencies (Hz), one per syllable. */
const VOWELS = [
  [530, 1840, 2480],
  [570, 840, 2410],
  [730, 1090, 2440],
  [660, 1720, 2410],
  [730, 1090, 2440],
  [530, 1840, 2480],
];
const SYLLABLE_S = 0.22;
const GAP_S = 0.04;

/** A two-pole resonator: y[n] = x[n] + a1·y[n-1] + a2·y[n-2], at `freq` with `bandwidth`. */
function resonator(freq: number, bandwidth: number) {
  const r = Math.exp((-Math.PI * bandwidth) / RATE);
  const a1 = 2 * r * Math.cos((2 * Math.PI * freq) / RATE);
  const a2 = -r * r;
  let y1 = 0;
  let y2 = 0;
  return (x: number) => {
    const y = x * (1 - r) + a1 * y1 + a2 * y2;
    y2 = y1;
    y1 = y;
    return y;
  };
}

export function voiceSample(basePitch: number, brightness: number): Buffer {
  const samples: number[] = [];
  let phase = 0;
  VOWELS.forEach((formants, index) => {
    const filters = formants.map((f, i) => resonator(f * brightness, 80 + i * 40));
    const length = Math.round(SYLLABLE_S * RATE);
    // A greeting's melody: up on the first syllables, down at the end.
    const contour = [1.05, 1.12, 1.0, 0.98, 1.08, 0.9][index]!;
    for (let n = 0; n < length; n++) {
      const pitch = basePitch * contour * (1 + 0.03 * Math.sin((2 * Math.PI * 5 * n) / RATE));
      phase += pitch / RATE;
      const pulse = phase >= 1 ? 1 : 0;
      if (phase >= 1) phase -= 1;
      const envelope = Math.min(1, n / 240, (length - n) / 400);
      const voiced = filters.reduce((sum, filter, i) => sum + filter(pulse) / (i + 1), 0);
      samples.push(voiced * envelope);
    }
    for (let n = 0; n < Math.round(GAP_S * RATE); n++) samples.push(0);
  });
  const peak = Math.max(...samples.map(Math.abs)) || 1;
  const data = Buffer.from(samples.map((s) => Math.round(128 + (s / peak) * 100)));
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const out = path.resolve(import.meta.dirname, "../public/voice-samples");
mkdirSync(out, { recursive: true });
for (const [index, agent] of voiceAgents.entries()) {
  const pitch = agent.gender === "female" ? 200 + index * 8 : 110 + index * 6;
  writeFileSync(path.join(out, `${agent.id}.wav`), voiceSample(pitch, agent.gender === "female" ? 1.08 : 0.95));
}
