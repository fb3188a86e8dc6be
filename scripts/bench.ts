/**
 * `npm run bench`: engine throughput and memory. Prints a Markdown table (or JSON with --json)
 * for docs/PERFORMANCE.md. Wall-clock figures: run on an otherwise idle machine.
 */
import { performance } from "node:perf_hooks";
import { Encoder } from "@colyseus/schema";
import { apply, legalMoves, newGame, publicView, replay, view, type Action, type Code, type GameState, type LogEntry, type Who } from "../shared/rules/index.ts";
import { playGame } from "../shared/bots/selfPlay.ts";
import { TableState } from "../server/sync/schema.ts";
import { applyPublic } from "../server/sync/applyPublic.ts";

const json = process.argv.includes("--json");

function bench(name: string, n: number, fn: (i: number) => void): { name: string; ops: number; usPerOp: number } {
  for (let i = 0; i < Math.min(200, n); i++) fn(i); // warm up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = performance.now() - t0;
  return { name, ops: Math.round((n / ms) * 1000), usPerOp: +((ms * 1000) / n).toFixed(2) };
}

function must(s: GameState, action: unknown, who: Who): GameState {
  const r = apply(s, action as never, who, 0);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.state;
}

/** A mid-game state: round 3, a dozen clauses, a busy table. */
function midGame(): GameState {
  let s = newGame({ seed: 7, roundSeconds: 0 });
  s = must(s, { type: "start" }, "facilitator");
  s = must(s, { type: "advance" }, "facilitator");
  s = must(s, { type: "propose", clause: { type: "ceasefire" } }, "RU");
  s = must(s, { type: "propose", clause: { type: "neutrality" } }, "RU");
  s = must(s, { type: "propose", clause: { type: "guaranteesUkraine", guarantors: ["US", "EU"] } }, "UA");
  s = must(s, { type: "stance", clause: "c1", stance: "support" }, "UA");
  for (let i = 0; i < 200; i++) s = must(s, { type: "say", to: "table", text: `Line ${i} of the talks at the table.` }, "EU");
  s = must(s, { type: "advance" }, "facilitator");
  s = must(s, { type: "advance" }, "facilitator");
  return s;
}

const s = midGame();
let cur = s;
const results = [
  bench("apply: say at the table", 20_000, (i) => {
    const r = apply(cur, { type: "say", to: "table", text: `hello ${i}` }, "UA", 0);
    if (r.ok) cur = i % 500 === 0 ? s : r.state;
  }),
  bench("apply: stance change", 20_000, (i) => {
    apply(s, { type: "stance", clause: "c2", stance: i % 2 ? "support" : "oppose" }, "UA", 0);
  }),
  bench("apply: rejected (malformed)", 20_000, () => {
    apply(s, { type: "propose", clause: { type: "nope" } } as never, "RU", 0);
  }),
  bench("legalMoves (one delegation)", 2_000, () => {
    legalMoves(s, "BY");
  }),
  bench("view (one delegation, with moves)", 2_000, () => {
    view(s, "RU");
  }),
  bench("view (facilitator, all five)", 500, () => {
    view(s, "facilitator");
  }),
  bench("a full bot game (five bots, six rounds)", 100, (i) => {
    playGame({ seed: 1000 + i });
  }),
];

/**
 * Rebuilding a game from a log of 100,000 lines (start, then talk at the table and in back
 * channels), as a restart or a report does: median of three after one warm-up. Target ≤ 1 s.
 */
function replayMs(lines: number): number {
  const codes: Code[] = ["RU", "UA", "US", "EU", "BY"];
  const log: LogEntry[] = [{ who: "facilitator", action: { type: "start" }, now: 0 }, { who: "facilitator", action: { type: "advance" }, now: 0 }];
  for (let i = 0; log.length < lines; i++) {
    const action: Action = i % 3 ? { type: "say", to: "table", text: `Line ${i} of the talks.` } : { type: "say", to: [codes[(i + 1) % 5]!], text: `Aside ${i}.` };
    log.push({ who: codes[i % 5]!, action, now: 0 });
  }
  replay({ seed: 1, roundSeconds: 0 }, log);
  const runs = [0, 1, 2].map(() => {
    const t0 = performance.now();
    replay({ seed: 1, roundSeconds: 0 }, log);
    return performance.now() - t0;
  });
  return Math.round(runs.sort((a, b) => a - b)[1]!);
}
const replay100k = replayMs(100_000);

/** Bytes of the state patch that one accepted move sends every client in the room. */
function patchBytes(action: unknown, who: Who): number {
  const schema = new TableState();
  applyPublic(schema, publicView(s));
  const encoder = new Encoder(schema);
  encoder.encodeAll();
  encoder.discardChanges();
  const r = apply(s, action as never, who, 0);
  if (!r.ok) throw new Error(r.message);
  applyPublic(schema, publicView(r.state));
  return encoder.encode().length;
}
const patches = {
  say: patchBytes({ type: "say", to: "table", text: "Minsk stands ready to host the talks." }, "RU"),
  stance: patchBytes({ type: "stance", clause: "c2", stance: "support" }, "UA"),
  propose: patchBytes({ type: "propose", clause: { type: "territoryDeferred" } }, "RU"),
};

/** Heap one more unfinished game state costs (the engine's part of a room), over 1,000 of them. */
function heapPerGame(): number {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const keep = Array.from({ length: 1000 }, (_, i) => structuredClone({ ...s, nextId: s.nextId + i }));
  globalThis.gc?.();
  const after = process.memoryUsage().heapUsed;
  return keep.length ? Math.round((after - before) / keep.length) : 0;
}
const perGame = heapPerGame();

const stateBytes = Buffer.byteLength(JSON.stringify(newGame({ seed: 1 })));
const midBytes = Buffer.byteLength(JSON.stringify(s));

if (json) {
  console.log(JSON.stringify({ node: process.version, results, replay100k, stateBytes, midBytes, patches, perGame }, null, 2));
} else {
  console.log(`Node ${process.version}\n`);
  console.log("| benchmark | ops/s | µs/op |\n|---|---:|---:|");
  for (const r of results) console.log(`| ${r.name} | ${r.ops.toLocaleString("en")} | ${r.usPerOp} |`);
  console.log(`\nState size (JSON): new game ${stateBytes} B; mid-game with 200 table lines ${midBytes} B.`);
  console.log(`Replay of a 100,000-line game: ${replay100k} ms (median of 3; target ≤ 1,000 ms).`);
  console.log(`Heap per mid-game state: ${perGame} B (1,000 copies). Patch bytes per move: say ${patches.say}, stance ${patches.stance}, propose ${patches.propose}.`);
}
