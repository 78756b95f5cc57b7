export * from "./auth";
export * from "./organisations";
export * from "./clinic";
export * from "./calls";
export * from "./calendar";
export * from "./accounts";
