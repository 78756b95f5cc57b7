export { startVapiEmulator, type VapiEmulator, type VapiEmulatorOptions } from "./server";
export type { ConversationResult, ConversationScript, ToolResult } from "./conversation";
export type { EmulatedCall, EmulatorBehaviour, VapiEmulatorState, WebhookDelivery } from "./types";
export { parsePromptIntents, type PromptIntent } from "./prompt-intents";
export { vapiCallIdFromTwiml } from "./create-call";
