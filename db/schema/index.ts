export * from "./workspaces";
export * from "./contacts";
export * from "./activities";
export * from "./score-models";
export * from "./auth";
export * from "./memberships";
export * from "./imports";
