/**
 * The rules engine's public face. Pure: no I/O, no clock (time comes in as `now`), no
 * Math.random (chance comes from the seeded generator kept in the state).
 */
export * from "./types.ts";
export { newGame } from "./setup.ts";
export { apply } from "./apply.ts";
export { legalMoves } from "./legal.ts";
export { soloIdleSeconds } from "./phases.ts";
export { view, publicView, briefing, sheetsChanged } from "./view.ts";
export { finalOutcome, projectOutcome } from "./score.ts";
export { explain } from "./explain.ts";
export { replay, Timeline, type LogEntry, type Moment } from "./replay.ts";
export { scenarioOf } from "./scenario.ts";
