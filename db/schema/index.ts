export * from "./workspaces";
export * from "./contacts";
export * from "./activities";
export * from "./score-models";
