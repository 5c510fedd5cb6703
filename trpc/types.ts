/** Router input/output types for UI code, which may not import server/ itself. */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type ScoreModelListItem = RouterOutputs["scoreModel"]["list"][number];
export type ScoreModelDetail = RouterOutputs["scoreModel"]["get"];
export type Band = ScoreModelListItem["bands"][number];
export type RunState = NonNullable<ScoreModelListItem["run"]>;
export type SessionMe = RouterOutputs["session"]["me"];
