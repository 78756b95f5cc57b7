export type { ConversationResult, ConversationScript, ToolResult } from "./conversation";
export { vapiCallIdFromTwiml } from "./create-call";
export { type PromptIntent, parsePromptIntents } from "./prompt-intents";
export { startVapiEmulator, type VapiEmulator, type VapiEmulatorOptions } from "./server";
export type { EmulatedCall, EmulatorBehaviour, VapiEmulatorState, WebhookDelivery } from "./types";
