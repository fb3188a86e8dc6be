/**
 * Bot-only games of the default scenario, for balance and for research (DESIGN §1), and the
 * strategy lab (docs/STRATEGY-LAB.md).
 *
 *   npm run simulate -- --games N --seed S [--json] [--workers K]
 *                       [--policy CODE=FILE]… [--games-out FILE]
 *
 * `--json` prints exactly one JSON object: {games, seed, seconds, outcomes, scores}, and
 * `policyErrors` when a policy plays. Same seed and game count ⇒ the same output apart from
 * `seconds`, whatever the number of workers. Refused bot moves and exceptions are reported on
 * stderr and make the exit code 1; policy errors are counted and sampled on stderr.
 */
import { existsSync, writeFileSync } from "node:fs";
import { enableCompileCache } from "node:module";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { GameLine, Summary } from "../shared/bots/tally.ts";
import type { GameRecord } from "../shared/bots/lab.ts";
import type { Code } from "../shared/rules/types.ts";
import type { Job, Played } from "./simulate-worker.ts";

// The engine and the bots are loaded only after the worker threads are on their way (so all
// threads load at once), from the compile cache (type-stripped code kept between runs).
enableCompileCache();
const { DELEGATIONS, OUTCOMES } = await import("../shared/rules/types.ts");

interface Args {
  games: number;
  seed: number;
  json: boolean;
  workers: number;
  /** Policy module URLs by seat (`--policy CODE=FILE`). */
  policies: Partial<Record<Code, string>>;
  /** `--games-out FILE`: one JSON line per game. */
  gamesOut: string;
}

const USAGE = "npm run simulate -- --games N --seed S [--json] [--workers K] [--policy CODE=FILE]… [--games-out FILE]\n";

function parseArgs(argv: string[]): Args {
  const args: Args = { games: 1000, seed: 1, json: false, workers: 1, policies: {}, gamesOut: "" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const [flag, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const text = () => {
      const v = inline ?? argv[++i];
      if (!v) fail(`${flag} needs a value`);
      return v;
    };
    const value = () => {
      const v = text();
      const n = Number(v);
      if (!Number.isInteger(n)) fail(`${flag} needs a whole number`);
      return n;
    };
    if (flag === "--games") args.games = value();
    else if (flag === "--seed") args.seed = value();
    else if (flag === "--workers") args.workers = value();
    else if (flag === "--json") args.json = true;
    else if (flag === "--policy") {
      const v = text();
      const code = v.slice(0, v.indexOf("=")) as Code;
      if (!(DELEGATIONS as readonly string[]).includes(code)) fail(`--policy needs CODE=FILE with CODE one of ${DELEGATIONS.join(", ")}`);
      if (args.policies[code]) fail(`--policy ${code} given twice`);
      const url = policyUrl(v.slice(code.length + 1));
      if (typeof url !== "string") fail(`--policy ${url.error}`);
      args.policies[code] = url;
    } else if (flag === "--games-out") args.gamesOut = text();
    else if (flag === "--help" || flag === "-h") {
      process.stdout.write(USAGE);
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  if (args.games < 1) fail("--games must be at least 1");
  if (args.workers < 1) fail("--workers must be at least 1");
  args.workers = Math.min(args.workers, args.games);
  return args;
}

/** A policy file (relative to the working directory) → its module's URL, or why not. */
function policyUrl(file: string): string | { error: string } {
  if (![".mjs", ".js", ".ts"].includes(extname(file))) return { error: `${file}: a policy is a .mjs, .js or .ts module` };
  const path = resolve(process.cwd(), file);
  if (!existsSync(path)) return { error: `${file}: no such file` };
  return pathToFileURL(path).href;
}

function fail(message: string): never {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(2);
}

/** A progress bar on stderr, only for a person watching a long run. */
function progressBar(total: number): (done: number) => void {
  if (!process.stderr.isTTY || total < 200) return () => {};
  let last = -1;
  return (done) => {
    const pct = Math.floor((100 * done) / total);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const fill = Math.round((width * done) / total);
    process.stderr.write(`\r[${"#".repeat(fill)}${".".repeat(width - fill)}] ${done}/${total} games`);
    if (done >= total) process.stderr.write("\n");
  };
}

async function run(args: Args): Promise<{ lines: GameLine[]; records: GameRecord[]; errors: string[]; policyErrors: string[] }> {
  const job: Job = { seed: args.seed, games: args.games, policies: args.policies, records: !!args.gamesOut };
  const show = progressBar(args.games);
  // Every thread takes games a few at a time from one shared counter (next game, games done),
  // so none sits idle while another still has a long share; lines are put back in game order.
  const counter = new SharedArrayBuffer(8);
  const next = new Int32Array(counter);
  const tally = () => show(Atomics.load(next, 1));
  // Threads 1…K−1 in workers; this thread, already loaded, plays too.
  const threads = Promise.all(
    Array.from({ length: args.workers - 1 }, (_, i) =>
      new Promise<Played>((resolve, reject) => {
        // A larger young generation: bots allocate many short-lived lookahead states. The thread
        // turns the compile cache on before it loads anything, so it strips no types itself.
        const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { job, counter }, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
        worker.on("message", resolve);
        worker.on("error", reject);
        worker.on("exit", (code) => code !== 0 && reject(new Error(`worker ${i + 1} exited with ${code}`)));
      })),
  );
  const { playShared } = await import("./simulate-worker.ts");
  // Let the workers start before this thread gets busy.
  if (args.workers > 1) await new Promise((r) => setImmediate(r));
  const parts = [await playShared(job, next, tally), ...(await threads)];
  tally();
  const lines = new Array<GameLine>(args.games);
  const records = new Array<GameRecord>(job.records ? args.games : 0);
  for (const p of parts) {
    for (const { i, line, record } of p.lines) {
      lines[i] = line;
      if (record) records[i] = record;
    }
  }
  const inOrder = (key: "errors" | "policyErrors") => parts.flatMap((p) => p[key]).sort((a, b) => a.i - b.i).map((e) => e.text);
  return { lines, records, errors: inOrder("errors"), policyErrors: inOrder("policyErrors") };
}

/** A worker thread's first code: the compile cache on, then the worker module. */
const WORKER_BOOT = `require("node:module").enableCompileCache(); import(${JSON.stringify(new URL("./simulate-worker.ts", import.meta.url).href)});`;

function human(s: Summary): string {
  const pct = (n: number) => `${((100 * n) / s.games).toFixed(1)}%`;
  const out: string[] = [];
  out.push(`${s.games} bot-only games, seed ${s.seed}, ${s.seconds.toFixed(1)} s (${(s.games / Math.max(s.seconds, 1e-9)).toFixed(0)} games/s)`);
  out.push("", "Outcomes");
  for (const o of OUTCOMES) out.push(`  ${o.padEnd(20)} ${String(s.outcomes[o]).padStart(6)}  ${pct(s.outcomes[o]).padStart(6)}`);
  out.push("", "Scores           mean     sd    min    max");
  for (const c of DELEGATIONS) {
    const x = s.scores[c];
    out.push(`  ${c}          ${x.mean.toFixed(2).padStart(7)} ${x.sd.toFixed(2).padStart(6)} ${String(x.min).padStart(6)} ${String(x.max).padStart(6)}`);
  }
  out.push("", `Mean score by outcome   ${DELEGATIONS.map((c) => c.padStart(6)).join("")}`);
  for (const o of OUTCOMES) {
    if (!s.outcomes[o]) continue;
    out.push(`  ${o.padEnd(22)}${DELEGATIONS.map((c) => s.scores[c].byOutcome[o]!.toFixed(1).padStart(6)).join("")}`);
  }
  if (s.policyErrors !== undefined) out.push("", `Policy errors    ${s.policyErrors}`);
  return out.join("\n") + "\n";
}

const args = parseArgs(process.argv.slice(2));
const policies = Object.keys(args.policies).length > 0;
if (policies) {
  // Load every policy here first: a module that fails to load stops the run before any game.
  const { loadPolicies } = await import("./lab.ts");
  await loadPolicies(args.policies).catch((err: unknown) => fail(`--policy ${err instanceof Error ? err.message : String(err)}`));
}
const started = performance.now();
const { lines, records, errors, policyErrors } = await run(args);
const { summarize } = await import("../shared/bots/tally.ts");
const summary = summarize(lines, args.seed, (performance.now() - started) / 1000, policies);
if (args.gamesOut) writeFileSync(args.gamesOut, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
for (const e of errors.slice(0, 20)) process.stderr.write(`simulate: ${e}\n`);
if (errors.length > 20) process.stderr.write(`simulate: … and ${errors.length - 20} more\n`);
if (summary.policyErrors) {
  process.stderr.write(`simulate: ${summary.policyErrors} policy errors in ${policyErrors.length} games; the first of each game:\n`);
  for (const e of policyErrors.slice(0, 5)) process.stderr.write(`simulate:   ${e}\n`);
  if (policyErrors.length > 5) process.stderr.write(`simulate:   … and ${policyErrors.length - 5} more games\n`);
}
process.stdout.write(args.json ? `${JSON.stringify(summary)}\n` : human(summary));
if (errors.length) process.exitCode = 1;
