export * from "./accounts";
export * from "./auth";
export * from "./calendar";
export * from "./calls";
export * from "./clinic";
export * from "./messages";
export * from "./organisations";
