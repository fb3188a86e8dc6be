/**
 * Test harness for the rules engine: a small driver that applies actions the way the room
 * does (every accepted action is logged with its clock reading), refuses to hide rejections,
 * and deep-freezes every state it hands to `apply` so a mutation of the input shows up as a
 * failure instead of passing silently.
 */
import { expect } from "vitest";
import {
  apply,
  newGame,
  scenarioOf,
  type Action,
  type ClauseDraft,
  type Code,
  type GameConfig,
  type GameEvent,
  type GameState,
  type LogEntry,
  type Result,
  type Who,
} from "../../shared/rules/index.ts";

export const sc = scenarioOf("minsk-window");

/** An objective by id; its points are read from the scenario so balance work cannot break tests. */
export function aim(id: string) {
  const o = sc.objectives.find((x) => x.id === id);
  if (!o) throw new Error(`no objective ${id}`);
  return o;
}

/** Freezes a value and everything under it. Frozen subtrees are skipped (their children are frozen). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}

export class Table {
  state: GameState;
  log: LogEntry[] = [];
  now = 1_000_000;
  lastEvents: GameEvent[] = [];

  readonly config: Partial<GameConfig>;

  constructor(config: Partial<GameConfig> = {}) {
    this.config = config;
    this.state = deepFreeze(newGame(config));
  }

  /** Applies an action; on success the state moves on and the entry is logged. */
  try(who: Who, action: unknown): Result {
    const r = apply(this.state, action as Action, who, this.now);
    if (r.ok) {
      this.state = deepFreeze(r.state);
      this.log.push({ who, action: action as Action, now: this.now });
      this.lastEvents = r.events;
    }
    return r;
  }

  /** Applies an action that must be accepted; returns its events. */
  do(who: Who, action: unknown): GameEvent[] {
    const r = this.try(who, action);
    if (!r.ok) throw new Error(`${who} ${JSON.stringify(action)} was refused: ${r.code} (${r.message})`);
    return r.events;
  }

  /** Applies an action that must be refused, with this code; proves the state is untouched. */
  refuse(who: Who, action: unknown, code?: string): string {
    const before = structuredClone(this.state);
    const r = apply(this.state, action as Action, who, this.now);
    expect(r.ok, `expected ${who} ${JSON.stringify(action)} to be refused`).toBe(false);
    if (r.ok) return "";
    if (code) expect(r.code).toBe(code);
    expect(r.code).toMatch(/^[a-z]+\/[a-z_]+$/);
    expect(r.code).not.toBe("engine/error");
    expect(typeof r.message).toBe("string");
    expect(r.message.length).toBeGreaterThan(0);
    expect(this.state).toEqual(before);
    return r.code;
  }

  get s(): GameState {
    return this.state;
  }
  inf(code: Code): number {
    return this.state.delegations[code].influence;
  }

  start(): this {
    this.do("facilitator", { type: "start" });
    return this;
  }
  advance(): GameEvent[] {
    return this.do("facilitator", { type: "advance" });
  }
  inject(event: string): GameEvent[] {
    return this.do("facilitator", { type: "inject", event });
  }
  signal(who: Code, signal: string, target?: Code): GameEvent[] {
    return this.do(who, target ? { type: "signal", signal, target } : { type: "signal", signal });
  }

  /** Tables a clause and returns its id. */
  propose(who: Code, clause: ClauseDraft): string {
    this.do(who, { type: "propose", clause });
    return this.state.clauses[this.state.clauses.length - 1]!.id;
  }
  stance(who: Code, clause: string, stance: "support" | "oppose" | "none" = "support"): void {
    this.do(who, { type: "stance", clause, stance });
  }
  status(id: string): string | undefined {
    return this.state.clauses.find((c) => c.id === id)?.status;
  }
  /** The US proposes, then RU, UA and everyone in `also` support; returns the clause id. */
  agree(clause: ClauseDraft, also: Code[] = []): string {
    const id = this.propose("US", clause);
    for (const code of ["RU", "UA", ...also] as Code[]) {
      if (this.state.clauses.find((c) => c.id === id)!.stances[code] !== "support") this.stance(code, id);
    }
    return id;
  }
  /**
   * Relief for Russia from `issuer`, agreed, then Belarus's parity claim on it, supported by
   * Russia, Ukraine and the chair (¶14); returns the claim's id.
   */
  parity(issuer: "US" | "EU", level: "partial" | "full" = "partial", also: Code[] = []): string {
    const open = this.state.clauses.find((c) => (c.status === "proposed" || c.status === "agreed") && c.type === "sanctionsRelief" && c.params.target === "RU" && c.params.issuer === issuer && c.params.level === level);
    const ru = open?.id ?? this.propose("US", { type: "sanctionsRelief", target: "RU", issuer, level });
    for (const code of ["RU", "UA", this.state.chair, ...(issuer === "EU" ? ["EU" as const] : []), ...also] as Code[]) {
      if (this.state.clauses.find((c) => c.id === ru)!.stances[code] !== "support") this.stance(code, ru);
    }
    this.do("BY", { type: "parityClaim", clause: ru });
    const id = this.state.clauses.at(-1)!.id;
    for (const code of ["RU", "UA", this.state.chair, ...(issuer === "EU" ? ["EU" as const] : []), ...also] as Code[]) {
      if (this.state.clauses.find((c) => c.id === id)!.stances[code] !== "support") this.stance(code, id);
    }
    return id;
  }
  /** Moves a delegation's seat through a motion the chair approves, then ends the round. */
  seat(delegation: Code, seat: "absent" | "observer" | "party", sponsor: Code = "RU"): void {
    this.do(sponsor, { type: "seatMotion", delegation, seat });
    const m = this.state.motions[this.state.motions.length - 1]!;
    if (m.status === "pending") this.do(this.state.chair, { type: "ruleMotion", motion: m.id, approve: true });
    this.advance();
  }
  /** Ends the rounds until the signing phase. */
  toSigning(): void {
    while (this.state.phase === "round") this.advance();
  }
  sign(...codes: Code[]): void {
    for (const code of codes) this.do(code, { type: "sign", sign: true });
  }
}

/** A game in round 1 with no event deck and no timer, unless the config says otherwise. */
export function atRound(config: Partial<GameConfig> = {}): Table {
  const t = new Table({ events: false, roundSeconds: 0, seed: 7, ...config });
  t.start();
  t.advance();
  return t;
}

/** Clones a state and lets a test set a track directly (for pure scoring checks). */
export function edited(s: GameState, edit: (draft: GameState) => void): GameState {
  const copy = structuredClone(s);
  edit(copy);
  return copy;
}
