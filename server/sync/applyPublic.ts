/**
 * Copies the engine's PublicView onto the synced schema, field by field, touching only what
 * changed so each patch carries just the difference. This is the only writer of TableState
 * (apart from members[], written by syncMembers from the room's roster).
 */
import { DELEGATIONS, type Clause, type Code, type Motion, type PublicView, type TableEntry } from "../../shared/rules/index.ts";
import {
  ClauseSchema,
  DelegationSchema,
  MemberState,
  MotionSchema,
  OutcomeSchema,
  SignalSchema,
  TableEntrySchema,
  type TableState,
} from "./schema.ts";

/** How many table entries the synced state keeps (the engine keeps the full record). */
export const TABLE_KEEP = 200;

type Obj = Record<string, unknown>;

/** Assign only when the value differs, so unchanged fields never enter a patch. */
function put(target: object, key: string, value: unknown): void {
  const o = target as Obj;
  if (o[key] !== value) o[key] = value;
}

function putMap(map: { get(k: string): unknown; set(k: string, v: unknown): unknown; delete(k: string): unknown; keys(): Iterable<string> }, entries: Record<string, unknown>): void {
  for (const k of [...map.keys()]) if (!(k in entries)) map.delete(k);
  for (const [k, v] of Object.entries(entries)) if (map.get(k) !== v) map.set(k, v);
}

export function applyPublic(s: TableState, pv: PublicView): void {
  put(s, "scenario", pv.scenario);
  put(s, "phase", pv.phase);
  put(s, "round", pv.round);
  put(s, "rounds", pv.rounds);
  put(s, "deadline", pv.deadline);
  put(s, "paused", pv.paused);
  put(s, "remaining", pv.remaining);
  put(s, "momentum", pv.momentum);
  put(s, "battlefield", pv.battlefield);
  put(s, "euUnity", pv.euUnity);
  put(s, "usAid", pv.usAid);
  put(s, "venue", pv.venue);
  put(s, "venueVetoed", pv.venueVetoed);
  put(s, "chair", pv.chair);
  put(s, "byCondition", JSON.stringify(pv.byCondition)); // {"US": …, "EU": …}: the bar per issuer
  put(s, "pardonWaves", pv.pardonWaves);
  put(s, "stagingOpen", pv.stagingOpen);
  put(s, "event", pv.event);

  const sanctions: Record<string, string> = {};
  for (const target of ["RU", "BY"] as const)
    for (const issuer of ["US", "EU"] as const) sanctions[`${target}:${issuer}`] = pv.sanctions[target][issuer];
  putMap(s.sanctions as never, sanctions);

  for (const code of DELEGATIONS) {
    let d = s.delegations.get(code);
    if (!d) {
      d = new DelegationSchema();
      s.delegations.set(code, d);
    }
    const p = pv.delegations[code];
    put(d, "seat", p.seat);
    put(d, "influence", p.influence);
    put(d, "ready", p.ready);
    put(d, "bot", p.bot);
    put(d, "signature", p.signature);
  }

  syncById(s.clauses as never, pv.clauses, () => new ClauseSchema(), writeClause);
  syncById(s.motions as never, pv.motions, () => new MotionSchema(), writeMotion);
  syncTable(s.table as never, pv.table, tableSeen.get(s) ?? 0);
  tableSeen.set(s, pv.table.length);
  syncAppendOnly(
    s.signals as never,
    pv.signals,
    () => new SignalSchema(),
    (t, v) => { put(t, "delegation", v.delegation); put(t, "signal", v.signal); put(t, "round", v.round); },
    (v) => `${v.delegation}|${v.signal}|${v.round}`,
  );

  if (!pv.outcome) {
    if (s.outcome !== undefined) s.outcome = undefined;
  } else {
    const o = s.outcome ?? new OutcomeSchema();
    put(o, "id", pv.outcome.id);
    put(o, "credibility", pv.outcome.credibility);
    put(o, "treatyInForce", pv.outcome.treatyInForce);
    put(o, "breakdown", JSON.stringify(pv.outcome.breakdown));
    put(o, "revealed", JSON.stringify(pv.outcome.revealed));
    put(o, "why", pv.outcome.why ? JSON.stringify(pv.outcome.why) : "");
    putMap(o.scores as never, pv.outcome.scores);
    const inForce = o.inForce as unknown as string[] & { splice(a: number, b: number): void; push(...v: string[]): void };
    if (inForce.join(",") !== pv.outcome.inForce.join(",")) {
      inForce.splice(0, inForce.length);
      inForce.push(...pv.outcome.inForce);
    }
    if (s.outcome === undefined) s.outcome = o;
  }
}

/** The public roster: who sits in each delegation and whether they are online. */
export function syncMembers(s: TableState, roster: Record<Code, { name: string; connected: boolean }[]>): void {
  for (const code of DELEGATIONS) {
    let d = s.delegations.get(code);
    if (!d) {
      d = new DelegationSchema();
      s.delegations.set(code, d);
    }
    const list = d.members;
    const want = roster[code] ?? [];
    while (list.length > want.length) list.pop();
    want.forEach((m, i) => {
      let item = list.at(i);
      if (!item) {
        item = new MemberState();
        list.push(item);
      }
      put(item, "name", m.name);
      put(item, "connected", m.connected);
    });
  }
}

interface SchemaList<S> {
  length: number;
  at(i: number): S | undefined;
  push(...v: S[]): number;
  pop(): S | undefined;
  splice(start: number, count: number): S[];
  setAt(i: number, v: S): void;
}

/** Lists whose items have stable ids and change in place (clauses, motions). */
function syncById<S extends { id: string }, V extends { id: string }>(
  list: SchemaList<S>, items: V[], make: () => S, write: (t: S, v: V) => void,
): void {
  let i = 0;
  for (; i < items.length; i++) {
    const cur = list.at(i);
    if (cur && cur.id === items[i].id) {
      write(cur, items[i]);
    } else {
      // Order changed (the engine never does this today): rebuild from here.
      if (list.length > i) list.splice(i, list.length - i);
      const fresh = make();
      write(fresh, items[i]);
      list.push(fresh);
    }
  }
  if (list.length > i) list.splice(i, list.length - i);
}

/** How many engine table entries each synced state has mirrored (the engine's table only grows). */
const tableSeen = new WeakMap<object, number>();

/**
 * The table by count, O(new entries) per action: append what the engine added since the last
 * sync, then drop from the front beyond TABLE_KEEP. A shorter engine table than seen (never
 * expected) rebuilds the list.
 */
function syncTable(list: SchemaList<TableEntrySchema>, entries: TableEntry[], seen: number): void {
  if (entries.length < seen) {
    list.splice(0, list.length);
    seen = 0;
  }
  const fresh = entries.slice(Math.max(seen, entries.length - TABLE_KEEP));
  for (const e of fresh) {
    const t = new TableEntrySchema();
    writeEntry(t, e);
    list.push(t);
  }
  if (list.length > TABLE_KEEP) list.splice(0, list.length - TABLE_KEEP);
}

/** The keys of what each append-only list holds, kept beside it rather than on the schema. */
const listKeys = new WeakMap<object, string[]>();

/**
 * Short lists of immutable entries that grow at the end and may be reset (signals played this
 * round): find where the new list continues the old one, shift and append.
 */
function syncAppendOnly<S, V>(
  list: SchemaList<S>, items: V[], make: () => S, write: (t: S, v: V) => void, key: (v: V) => string,
): void {
  const cur = listKeys.get(list) ?? [];
  const want = items.map(key);
  let drop = 0;
  for (; drop < cur.length; drop++) {
    const tail = cur.length - drop;
    if (tail <= want.length && cur.slice(drop).every((k, j) => k === want[j])) break;
  }
  if (drop > 0) list.splice(0, drop);
  for (let j = cur.length - drop; j < items.length; j++) {
    const fresh = make();
    write(fresh, items[j]);
    list.push(fresh);
  }
  listKeys.set(list, want);
}

function writeClause(t: ClauseSchema, c: Clause): void {
  put(t, "id", c.id);
  put(t, "type", c.type);
  put(t, "params", JSON.stringify(c.params));
  put(t, "proposer", c.proposer);
  put(t, "status", c.status);
  put(t, "suggestedBy", c.suggestedBy ?? "");
  put(t, "round", c.round);
  put(t, "parity", c.parity === true);
  putMap(t.stances as never, c.stances as Record<string, string>);
}

function writeMotion(t: MotionSchema, m: Motion): void {
  put(t, "id", m.id);
  put(t, "delegation", m.delegation);
  put(t, "seat", m.seat);
  put(t, "sponsor", m.sponsor);
  put(t, "status", m.status);
  put(t, "round", m.round);
}

function writeEntry(t: TableEntrySchema, e: TableEntry): void {
  put(t, "kind", e.kind);
  put(t, "from", e.from);
  put(t, "text", e.text);
  put(t, "round", e.round);
  put(t, "tag", e.tag ?? "");
}
