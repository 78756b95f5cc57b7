import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { voiceAgents } from "@/server/voice-agents/catalogue";

export const GET = withOrg(async () =>
  json(
    voiceAgents.map((a) => ({
      id: a.id,
      name: a.name,
      languages: a.languages,
      gender: a.gender,
      description: a.description,
      voice: a.voice,
      model: a.model,
      base_prompt: a.basePrompt,
      /** A short clip of the voice, shipped with the app (public/voice-samples, scripts/generate-voice-samples.ts). */
      sample_url: `/voice-samples/${a.id}.wav`,
    })),
  ),
);
