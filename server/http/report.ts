/**
 * A game's full record for the teacher: config, seed, the whole action log (with the student
 * behind each move), outcome with per-objective lines, and participation per student. Built
 * from the store alone (the state is replayed from the log), so it works for finished games,
 * live ones and games from before a restart alike. Tokens never appear.
 */
import {
  DELEGATIONS, projectOutcome, replay, scenarioOf,
  type Action, type Code, type GameConfig, type GameState, type Outcome,
} from "../../shared/rules/index.ts";
import type { GameStatus, LogRow, Store } from "../store/Store.ts";
import type { SimulatedReport } from "../sim/report.ts";

export interface Participation {
  member: string;
  name: string;
  role: string;
  delegation: Code | "";
  /** Accepted moves of any kind sent by this student. */
  actions: number;
  /** Public statements and back-channel messages. */
  statements: number;
  backChannel: number;
  /** Accepted moves by action type. */
  byType: Record<string, number>;
  firstAction: number | null;
  lastAction: number | null;
}

export interface ReportLogEntry extends LogRow {
  /** The student's name ("" for the system and bots). */
  name: string;
}

export interface Report {
  code: string;
  scenario: string;
  status: GameStatus;
  created: number;
  finished: number;
  config: GameConfig;
  seed: number;
  phase: string;
  round: number;
  outcome: (Outcome & { title: string }) | null;
  /** Per-delegation score lines (from the outcome; the live projection while unfinished). */
  breakdown: Outcome["breakdown"];
  scores: Record<Code, number>;
  projected: boolean;
  participation: Participation[];
  log: ReportLogEntry[];
  /** This game against bot games of its setup (server/sim/report.ts); null until they are played. */
  simulated?: SimulatedReport | null;
}

export function buildReport(store: Store, code: string): Report | null {
  const game = store.game(code);
  if (!game) return null;
  const log = store.log(code);
  const members = store.members(code);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const entries = log.filter((r) => r.kind === "engine").map((r) => ({ who: r.who, action: r.action as Action, now: r.time }));
  let state;
  try {
    state = replay(game.config, entries, game.scenario);
  } catch {
    state = null;
  }
  const sc = scenarioOf(game.scenario);
  const outcome = game.outcome ?? state?.outcome ?? null;
  const shown = outcome ?? (state ? projectSafe(state) : null);
  const participation: Participation[] = members.map((m) => {
    const mine = log.filter((r) => r.student === m.id);
    const byType: Record<string, number> = {};
    for (const r of mine) byType[String(r.action.type)] = (byType[String(r.action.type)] ?? 0) + 1;
    const says = mine.filter((r) => r.action.type === "say");
    return {
      member: m.id,
      name: m.name,
      role: m.role,
      delegation: m.delegation,
      actions: mine.length,
      statements: says.filter((r) => (r.action as { to?: unknown }).to === "table").length,
      backChannel: says.filter((r) => (r.action as { to?: unknown }).to !== "table").length,
      byType,
      firstAction: mine[0]?.time ?? null,
      lastAction: mine.at(-1)?.time ?? null,
    };
  });
  return {
    code,
    scenario: game.scenario,
    status: game.status,
    created: game.created,
    finished: game.finished,
    config: game.config,
    seed: game.config.seed,
    phase: state?.phase ?? "",
    round: state?.round ?? 0,
    outcome: outcome ? { ...outcome, title: sc.outcomes[outcome.id]?.title ?? outcome.id } : null,
    breakdown: shown?.breakdown ?? emptyRecord(() => []),
    scores: shown?.scores ?? emptyRecord(() => 0),
    projected: !outcome,
    participation,
    log: log.map((r) => ({ ...r, name: names.get(r.student) ?? "" })),
  };
}

function projectSafe(s: GameState): Outcome | null {
  try {
    return projectOutcome(s);
  } catch {
    return null;
  }
}

function emptyRecord<T>(make: () => T): Record<Code, T> {
  return Object.fromEntries(DELEGATIONS.map((c) => [c, make()])) as Record<Code, T>;
}
