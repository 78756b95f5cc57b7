/**
 * The voice agent templates shipped with Clinicall. An organisation picks one
 * (`organisations.selected_voice_agent_id`); each call's transient assistant takes its voice,
 * model and base prompt from it.
 */
export interface VoiceAgent {
  id: string;
  name: string;
  languages: ("en" | "ru")[];
  gender: "female" | "male";
  description: string;
  voice: { provider: "11labs"; voiceId: string; model: string };
  model: { provider: "openai"; model: string };
  basePrompt: string;
}

const model = { provider: "openai" as const, model: "gpt-4o" };
const voiceModel = "eleven_multilingual_v2";

const warmPrompt =
  "You are the receptionist of a medical clinic, answering the phone. Be warm, brief and precise. " +
  "Speak in short sentences suited to a phone call. Never give medical advice or a diagnosis.";
const crispPrompt =
  "You are the front-desk assistant of a medical clinic, answering the phone. Be efficient and polite, " +
  "confirm details back to the caller, and never give medical advice or a diagnosis.";

export const voiceAgents: VoiceAgent[] = [
  {
    id: "anna-en-ru",
    name: "Anna",
    languages: ["en", "ru"],
    gender: "female",
    description: "Warm and calm. Switches between English and Russian with the caller.",
    voice: { provider: "11labs", voiceId: "EXAVITQu4vr4xnSDxMaL", model: voiceModel },
    model,
    basePrompt: warmPrompt,
  },
  {
    id: "mikhail-en-ru",
    name: "Mikhail",
    languages: ["en", "ru"],
    gender: "male",
    description: "Steady and reassuring. Switches between English and Russian with the caller.",
    voice: { provider: "11labs", voiceId: "TxGEqnHWrfWFTfGW9XjX", model: voiceModel },
    model,
    basePrompt: warmPrompt,
  },
  {
    id: "emma-en",
    name: "Emma",
    languages: ["en"],
    gender: "female",
    description: "Bright and efficient. English only.",
    voice: { provider: "11labs", voiceId: "21m00Tcm4TlvDq8ikWAM", model: voiceModel },
    model,
    basePrompt: crispPrompt,
  },
  {
    id: "daniel-en",
    name: "Daniel",
    languages: ["en"],
    gender: "male",
    description: "Friendly and unhurried. English only.",
    voice: { provider: "11labs", voiceId: "onwK4e9ZLuTAKqWW03F9", model: voiceModel },
    model,
    basePrompt: crispPrompt,
  },
  {
    id: "olga-ru",
    name: "Olga",
    languages: ["ru"],
    gender: "female",
    description: "Gentle and clear. Russian first, English when the caller needs it.",
    voice: { provider: "11labs", voiceId: "XrExE9yKIg1WjnnlVkGX", model: voiceModel },
    model,
    basePrompt: warmPrompt,
  },
];

/** Used when an organisation has not picked one yet. */
export const DEFAULT_VOICE_AGENT_ID = "anna-en-ru";

export function findVoiceAgent(id: string | null | undefined): VoiceAgent | undefined {
  return voiceAgents.find((agent) => agent.id === id);
}
