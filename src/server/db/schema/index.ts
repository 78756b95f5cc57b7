export * from "./accounts";
export * from "./auth";
export * from "./calendar";
export * from "./call-routing";
export * from "./calls";
export * from "./clinic";
export * from "./messages";
export * from "./organisations";
