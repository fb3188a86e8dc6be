/**
 * The what-if routes' replays, off the event loop: a game rebuilt at a point of its log to list
 * the decisions one may flip there, or to check that a run can start there (the point, the flip).
 * One long-lived thread answers them in turn (points.ts).
 */
import { parentPort } from "node:worker_threads";
import { stateAt, whatIfStart, type WhatIfSpec } from "../../shared/bots/whatIf.ts";
import type { WhatIfPoint } from "../../shared/protocol/whatIf.ts";
import { flipChoices, loggedDecision } from "../../shared/rules/flip.ts";

export type PointAsk = { id: number; kind: "point" | "start"; spec: WhatIfSpec };
export type PointAnswer =
  | { id: number; point: WhatIfPoint }
  | { id: number; start: { ok: true; round: number } | { ok: false; code: string; message: string } }
  | { id: number; error: string };

export function answer(ask: PointAsk): PointAnswer {
  const { id, spec } = ask;
  try {
    if (ask.kind === "start") {
      const s = whatIfStart(spec);
      return { id, start: s.ok ? { ok: true, round: s.state.round } : { ok: false, code: s.code, message: s.message } };
    }
    const s = stateAt(spec, spec.at);
    const next = spec.entries[spec.at];
    return { id, point: { at: spec.at, entries: spec.entries.length, round: s.round, phase: s.phase, decision: loggedDecision(s, next), choices: flipChoices(s, next) } };
  } catch (e) {
    return { id, error: e instanceof Error ? e.message : String(e) };
  }
}

parentPort?.on("message", (ask: PointAsk) => parentPort!.postMessage(answer(ask)));
