import { runRoutes } from "@roundhouse/contracts";
import { checkNoise } from "@/features/runs/server/noise-check";
import { route } from "@/server/http";

export const GET = route(runRoutes.noise, ({ query }) => checkNoise(query.a, query.b, query.metric));
