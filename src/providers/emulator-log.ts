import pino from "pino";
import { logLines } from "@/shared/log-lines";

/**
 * The emulators' own logger. They are test and demo infrastructure beside the app, so they do not
 * reach into the server's logger (providers never import src/server); same level variable.
 */
export const emulatorLog = pino({ level: process.env.LOG_LEVEL || "info", base: undefined }, logLines);
