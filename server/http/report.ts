/**
 * A game's full record for the teacher: config, seed, the whole action log (with the student
 * behind each move), outcome with per-objective lines, participation per student, and the
 * story in words: every table line and Belarus's private track changes with the time of the
 * move that caused it, the agreements, the signatures and the event cards. Built from the store
 * alone (the state is replayed from the log), so it works for finished games, live ones and
 * games from before a restart alike. Tokens never appear.
 */
import {
  apply, DELEGATIONS, newGame, projectOutcome, scenarioOf,
  type Action, type Code, type GameConfig, type GameState, type Outcome, type TableEntry, type TrackChange, type Who,
} from "../../shared/rules/index.ts";
import { describe } from "../../shared/rules/clauses.ts";
import { effectText } from "../../shared/rules/effects.ts";
import type { GameStatus, GameStore, LogRow } from "../store/types.ts";
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
  /** Removed from the game by the facilitator: marked, and given no delegation score. */
  kicked: boolean;
}

/** A table line with the time of the move that wrote it. */
export interface StoryEntry extends TableEntry {
  time: number;
}

export interface ReportStory {
  table: StoryEntry[];
  /** Belarus's private track changes with their causes (the teacher sees them all). */
  notes: (TrackChange & { time: number })[];
  /** Back-channel messages, as the facilitator read them during play. */
  messages: { from: Code; to: Code[]; text: string; round: number; time: number }[];
  /** Every clause that was ever agreed, in words, with where it ended up. */
  agreements: { id: string; text: string; proposer: Code; round: number; status: string; inForce: boolean }[];
  /** Each delegation's seat and signature at the end. */
  signatures: Record<Code, { seat: string; signature: "" | "signed" | "refused" }>;
  /** Event cards as they were drawn, with their effect in words. */
  events: { round: number; id: string; title: string; text: string; effect: string; time: number }[];
  tracks: { momentum: number; battlefield: number; euUnity: number; autonomy: number; trust: number; usFavour: number };
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
  /** null when the log could not be replayed. */
  story: ReportStory | null;
}

export async function buildReport(store: GameStore, code: string): Promise<Report | null> {
  const game = await store.game(code);
  if (!game) return null;
  const [log, members] = await Promise.all([store.log(code), store.members(code)]);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const entries = log.filter((r) => r.kind === "engine").map((r) => ({ who: r.who, action: r.action as Action, now: r.time }));
  const sc = scenarioOf(game.scenario);
  const played = replayTimed(game.config, entries, game.scenario);
  const state = played?.state ?? null;
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
      kicked: m.kicked,
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
    story: played ? storyOf(played, outcome) : null,
  };
}

/** The replay, remembering the time of the move behind each table line and note, and what was agreed and drawn. */
function replayTimed(config: Partial<GameConfig>, entries: { who: ReportLogEntry["who"]; action: Action; now: number }[], scenario: string) {
  try {
    let state = newGame(config, scenario);
    const tableTimes: number[] = [];
    const noteTimes: number[] = [];
    const messageTimes: number[] = [];
    const agreed = new Set<string>();
    const cards: { id: string; round: number; skipped: boolean; time: number }[] = [];
    for (const e of entries) {
      const r = apply(state, e.action, e.who as Who, e.now, { relinquish: true });
      if (!r.ok) return null;
      state = r.state;
      for (const ev of r.events) {
        if (ev.kind === "agreed") agreed.add(String(ev.data?.clause));
        if (ev.kind === "event") cards.push({ id: String(ev.data?.event), round: state.round, skipped: !!ev.data?.skipped, time: e.now });
      }
      while (tableTimes.length < state.table.length) tableTimes.push(e.now);
      while (noteTimes.length < state.notes.length) noteTimes.push(e.now);
      while (messageTimes.length < state.messages.length) messageTimes.push(e.now);
    }
    return { state, tableTimes, noteTimes, messageTimes, agreed, cards };
  } catch {
    return null;
  }
}

function storyOf(p: NonNullable<ReturnType<typeof replayTimed>>, outcome: Outcome | null): ReportStory {
  const { state: s, tableTimes, noteTimes } = p;
  const sc = scenarioOf(s.scenario);
  const inForce = new Set(outcome?.inForce ?? []);
  return {
    table: s.table.map((e, i) => ({ ...e, time: tableTimes[i] ?? 0 })),
    notes: s.notes.map((n, i) => ({ ...n, time: noteTimes[i] ?? 0 })),
    messages: s.messages.map((m, i) => ({ from: m.from, to: m.to, text: m.text, round: m.round, time: p.messageTimes[i] ?? 0 })),
    agreements: s.clauses.filter((cl) => p.agreed.has(cl.id)).map((cl) => ({
      id: cl.id, text: describe(sc, cl), proposer: cl.proposer, round: cl.round, status: cl.status, inForce: inForce.has(cl.id),
    })),
    signatures: Object.fromEntries(DELEGATIONS.map((c) => [c, { seat: s.delegations[c].seat, signature: s.delegations[c].signature }])) as ReportStory["signatures"],
    events: p.cards.flatMap((c) => {
      const spec = sc.events.find((x) => x.id === c.id);
      return spec ? [{ round: c.round, id: spec.id, title: spec.title, text: spec.text, effect: c.skipped ? "No effect: Belarus had made no pardon wave." : effectText(sc, { event: spec }), time: c.time }] : [];
    }),
    tracks: { momentum: s.momentum, battlefield: s.battlefield, euUnity: s.euUnity, autonomy: s.belarus.autonomy, trust: s.belarus.trust, usFavour: s.belarus.usFavour },
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
