/**
 * Stands in for shared/scenario/minskWindowAims.ts in the client build (vite.config.ts): the
 * delegations' aims, secret ones included, never travel in the bundle every student loads. A
 * replay runs the engine in the browser, which scores with them: they come with the finished
 * game from the server (`objectives` in the replay's body, revealed as the debrief reveals them)
 * and are put in this list before the first step (client/replay/index.ts).
 */
import type { ObjectiveSpec } from "../../shared/scenario/types.ts";

export const minskWindowAims: ObjectiveSpec[] = [];
