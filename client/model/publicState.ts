/**
 * The synced room state as the client reads it. The server's schema may carry clause params as
 * JSON text and omit unset fields; `normalize` turns whatever `state.toJSON()` gives into one
 * predictable shape, with the scenario's starting values for anything missing.
 */
import type {
  Clause,
  ClauseParams,
  Code,
  Motion,
  Outcome,
  Phase,
  PublicView,
  Seat,
  Stance,
  TableEntry,
} from "../../shared/rules/types.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import { CODES, isCode } from "./palette.ts";

export interface Member {
  name: string;
  connected: boolean;
  /** The member id the facilitator uses to assign or kick, when the server shares it. */
  id: string;
}

export interface Delegation {
  seat: Seat;
  influence: number;
  ready: boolean;
  bot: boolean;
  members: Member[];
  signature: "" | "signed" | "refused";
}

/** The engine's public view as the synced state carries it, with the room's members added. */
export interface PublicState extends Omit<PublicView, "scenario" | "byCondition" | "sanctions" | "pardonWaves" | "delegations" | "signals"> {
  delegations: Record<Code, Delegation>;
  signals: { delegation: Code; signal: string; round: number }[];
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v && typeof v === "object" ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : []);
const num = (v: unknown, d: number): number => (typeof v === "number" && Number.isFinite(v) ? v : d);
const str = (v: unknown, d = ""): string => (typeof v === "string" ? v : d);
const bool = (v: unknown): boolean => v === true;

/** JSON text or an object; never throws. */
export function parseJson<T>(v: unknown, fallback: T): T {
  if (typeof v !== "string") return v && typeof v === "object" ? (v as T) : fallback;
  if (!v) return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

function delegation(code: Code, raw: unknown): Delegation {
  const d = obj(raw);
  const members = arr(d.members).map((m) => {
    const mm = obj(m);
    return { name: str(mm.name, "?"), connected: mm.connected !== false, id: str(mm.id ?? mm.member) };
  });
  const sig = str(d.signature);
  return {
    seat: (str(d.seat) || minskWindow.seats[code]) as Seat,
    influence: num(d.influence, 0),
    ready: bool(d.ready),
    bot: bool(d.bot),
    members,
    signature: sig === "signed" || sig === "refused" ? sig : "",
  };
}

function clause(raw: unknown): Clause {
  const c = obj(raw);
  const stancesRaw = parseJson<Raw>(c.stances, {});
  const stances: Partial<Record<Code, Stance>> = {};
  for (const [k, v] of Object.entries(stancesRaw)) if (isCode(k)) stances[k] = str(v, "none") as Stance;
  const out: Clause = {
    id: str(c.id),
    type: str(c.type) as Clause["type"],
    params: parseJson<ClauseParams>(c.params, {}),
    proposer: str(c.proposer) as Code,
    status: str(c.status, "proposed") as Clause["status"],
    stances,
    round: num(c.round, 0),
  };
  if (c.suggestedBy) out.suggestedBy = str(c.suggestedBy) as Code;
  if (c.parity) out.parity = true;
  return out;
}

function outcome(raw: unknown): Outcome | null {
  const o = parseJson<Raw | null>(raw, null);
  if (!o || !str(o.id)) return null;
  const scores = parseJson<Record<Code, number>>(o.scores, {} as Record<Code, number>);
  return {
    id: str(o.id) as Outcome["id"],
    scores,
    breakdown: parseJson<Outcome["breakdown"]>(o.breakdown, {} as Outcome["breakdown"]),
    credibility: num(o.credibility, 0),
    treatyInForce: bool(o.treatyInForce),
    inForce: arr(parseJson(o.inForce, [])).map((x) => str(x)),
    revealed: parseJson<Outcome["revealed"]>(o.revealed, []),
    ...(o.why ? { why: parseJson<Outcome["why"]>(o.why, undefined) } : {}),
  };
}

export function normalize(rawState: unknown): PublicState {
  const s = obj(rawState);
  const t = minskWindow.tracks;
  const ds = obj(s.delegations);
  const delegations = {} as Record<Code, Delegation>;
  for (const code of CODES) delegations[code] = delegation(code, ds[code]);
  return {
    phase: (str(s.phase) || "lobby") as Phase,
    round: num(s.round, 0),
    rounds: num(s.rounds, minskWindow.defaults.rounds),
    deadline: num(s.deadline, 0),
    paused: bool(s.paused),
    remaining: num(s.remaining, 0),
    momentum: num(s.momentum, t.momentum.start),
    battlefield: num(s.battlefield, t.battlefield.start),
    euUnity: num(s.euUnity, t.euUnity.start),
    usAid: str(s.usAid) === "paused" ? "paused" : "flowing",
    venue: str(s.venue),
    venueVetoed: bool(s.venueVetoed),
    chair: (isCode(s.chair) ? s.chair : minskWindow.chair) as Code,
    stagingOpen: bool(s.stagingOpen),
    delegations,
    clauses: arr(s.clauses).map(clause),
    motions: arr(s.motions).map((m) => {
      const mm = obj(m);
      return {
        id: str(mm.id),
        delegation: str(mm.delegation) as Code,
        seat: str(mm.seat) as Seat,
        sponsor: str(mm.sponsor) as Code,
        status: str(mm.status, "pending") as Motion["status"],
        round: num(mm.round, 0),
      };
    }),
    table: arr(s.table).map((e) => {
      const ee = obj(e);
      const tag = str(ee.tag);
      return { kind: str(ee.kind, "say") as TableEntry["kind"], from: str(ee.from), text: str(ee.text), round: num(ee.round, 0), ...(tag ? { tag } : {}) };
    }),
    signals: arr(parseJson(s.signals, [])).map((x) => {
      const xx = obj(x);
      return { delegation: str(xx.delegation) as Code, signal: str(xx.signal), round: num(xx.round, 0) };
    }),
    event: str(s.event),
    outcome: outcome(s.outcome),
  };
}

/** The delegations sitting at the table (party or observer) and those in the anteroom. */
export function seating(p: PublicState): { table: Code[]; anteroom: Code[] } {
  const table = CODES.filter((c) => p.delegations[c].seat !== "absent");
  return { table, anteroom: CODES.filter((c) => p.delegations[c].seat === "absent") };
}
