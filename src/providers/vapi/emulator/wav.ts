/**
 * A small valid WAV file (PCM, 16-bit, mono, 8 kHz): a short quiet tone, identical on every call,
 * served as the emulated call recordings.
 */
const SAMPLE_RATE = 8000;
const SECONDS = 0.5;
const TONE_HZ = 440;
const AMPLITUDE = 3000;

let cached: Buffer | undefined;

export function recordingWav(): Buffer {
  if (cached) return cached;
  const samples = Math.round(SAMPLE_RATE * SECONDS);
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
  for (let i = 0; i < samples; i++) {
    wav.writeInt16LE(Math.round(AMPLITUDE * Math.sin((2 * Math.PI * TONE_HZ * i) / SAMPLE_RATE)), 44 + i * 2);
  }
  cached = wav;
  return wav;
}
