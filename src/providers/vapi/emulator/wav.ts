import type { RecordedTurn } from "./types";

/**
 * The emulated call recordings: valid WAV files (PCM, 16-bit, mono, 8 kHz) as long as the call,
 * a soft tone while someone speaks (the assistant higher than the caller), silence between.
 * A call with no timeline yet (still running) gets half a second of tone.
 */
const SAMPLE_RATE = 8000;
const ASSISTANT_HZ = 440;
const CALLER_HZ = 330;
const AMPLITUDE = 3000;
/** A recording longer than this is cut: the emulator never serves more than ~10 MB. */
const MAX_SECONDS = 600;

export function recordingWav(timeline?: { seconds: number; turns: RecordedTurn[] }): Buffer {
  const seconds = Math.min(MAX_SECONDS, Math.max(0.5, timeline?.seconds ?? 0.5));
  const turns = timeline?.turns ?? [{ speaker: "bot" as const, from: 0, to: 0.5 }];
  const samples = Math.round(SAMPLE_RATE * seconds);
  const dataBytes = samples * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write("RIFF", 0, "ascii");
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write("WAVE", 8, "ascii");
  wav.write("fmt ", 12, "ascii");
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // channels
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write("data", 36, "ascii");
  wav.writeUInt32LE(dataBytes, 40);
  for (const turn of turns) {
    const hz = turn.speaker === "bot" ? ASSISTANT_HZ : CALLER_HZ;
    // A short pause at the end of each line keeps the turns apart.
    const first = Math.max(0, Math.round(turn.from * SAMPLE_RATE));
    const last = Math.min(samples, Math.round((turn.to - 0.3) * SAMPLE_RATE));
    for (let i = first; i < last; i++) {
      wav.writeInt16LE(Math.round(AMPLITUDE * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE)), 44 + i * 2);
    }
  }
  return wav;
}

/** The length in seconds of a WAV written by recordingWav. */
export function wavSeconds(wav: Buffer): number {
  return wav.readUInt32LE(40) / (SAMPLE_RATE * 2);
}
