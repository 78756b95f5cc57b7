/** Factories for Vapi provider tests: a realistic transient assistant and a bypass create-call body. */

export const CLINIC_PROMPT = [
  "You are the receptionist of Smile Dental. Answer in the caller's language, English or Russian.",
  "Never give medical advice. In an emergency, tell the caller to dial 911.",
  "",
  "## Intents",
  "### Intent: Book a cleaning",
  "Examples: book a cleaning | teeth cleaning appointment | записаться на чистку зубов",
  "Answer (English): Of course. Let me check when we can see you.",
  "Answer (Russian): Конечно. Давайте посмотрим, когда мы можем вас принять.",
  "Action: book_appointment",
  "",
  "### Intent: Opening hours",
  "Examples: what are your opening hours | when are you open | часы работы | когда вы открыты",
  "Answer (English): We are open Monday to Friday, 9 am to 6 pm.",
  "Answer (Russian): Мы работаем с понедельника по пятницу, с 9 до 18.",
  "Action: none",
  "",
  "### Intent: Prices",
  "Examples: how much does a cleaning cost | price list | сколько стоит",
  "Answer (English): A cleaning costs 120 dollars.",
  "Answer (Russian): Чистка стоит 120 долларов.",
  "",
  "## Rules",
  "Keep answers short.",
].join("\n");

const functionTool = (name: string, description: string, properties: Record<string, unknown>, required: string[]) => ({
  type: "function",
  function: { name, description, parameters: { type: "object", properties, required } },
});

export function transientAssistant(serverUrl = "https://clinic.example.com/api/webhooks/vapi"): Record<string, unknown> {
  return {
    name: "Smile Dental receptionist",
    firstMessage: "Hello, Smile Dental, how can I help you? Здравствуйте!",
    firstMessageMode: "assistant-speaks-first",
    model: {
      provider: "openai",
      model: "gpt-4o",
      temperature: 0.3,
      messages: [{ role: "system", content: CLINIC_PROMPT }],
      tools: [
        functionTool(
          "check_availability",
          "Free appointment slots on a day",
          { date: { type: "string", description: "YYYY-MM-DD" }, service: { type: "string" } },
          ["date"],
        ),
        functionTool(
          "book_appointment",
          "Book an appointment",
          {
            start: { type: "string", description: "Local start, YYYY-MM-DDTHH:MM:SS" },
            name: { type: "string" },
            phone: { type: "string" },
          },
          ["start", "name"],
        ),
        { type: "transferCall", destinations: [{ type: "number", number: "+12125550199", message: "Connecting you now." }] },
        { type: "endCall" },
      ],
    },
    voice: { provider: "11labs", voiceId: "21m00Tcm4TlvDq8ikWAM", model: "eleven_multilingual_v2" },
    transcriber: { provider: "deepgram", model: "nova-2", language: "multi" },
    server: { url: serverUrl, timeoutSeconds: 10, headers: { "x-vapi-secret": "test-webhook-secret" } },
    serverMessages: ["status-update", "end-of-call-report", "tool-calls", "hang"],
    metadata: { organisation_id: "org-1", phone_number_id: "pn-1", call_id: "call-row-1" },
    maxDurationSeconds: 900,
  };
}

export function bypassBody(assistant: Record<string, unknown> = transientAssistant()): Record<string, unknown> {
  return {
    phoneCallProviderBypassEnabled: true,
    phoneNumberId: "6f7a2d2e-0000-4000-8000-000000000001",
    customer: { number: "+12015550123" },
    assistant,
  };
}

/** A deep copy with `mutate` applied, so a test can break one field of a valid fixture. */
export function changed<T>(value: T, mutate: (copy: T) => void): T {
  const copy = structuredClone(value);
  mutate(copy);
  return copy;
}
