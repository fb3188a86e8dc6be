/**
 * Reports without stalls: each body is built on a worker thread (reportWorker.ts), and kept
 * while the game's record is unchanged, so the console's polls and repeated downloads of a
 * finished game cost one cheap query each. Identical requests in flight share one build.
 */
import { Worker } from "node:worker_threads";
import type { GameStore } from "../store/types.ts";
import type { ReportDone, ReportJob } from "./reportWorker.ts";
import { storedStamp } from "../sim/report.ts";

export type Format = ReportJob["format"];
export type Rows = ReportJob["rows"];

/** Bodies kept (each up to a few MB for a very long game). */
const KEEP = 16;
const cache = new Map<string, { stamp: string; body: string }>();
const inFlight = new Map<string, { stamp: string; body: Promise<string | null> }>();

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (d: ReportDone) => void; reject: (e: Error) => void }>();

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL("./reportWorker.ts", import.meta.url));
  w.unref(); // never keeps a stopping server alive
  w.on("message", (d: ReportDone) => {
    waiting.get(d.id)?.resolve(d);
    waiting.delete(d.id);
  });
  const fail = (e: Error) => {
    if (worker === w) worker = null;
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
  };
  w.on("error", fail);
  w.on("exit", () => fail(new Error("the report thread stopped")));
  return (worker = w);
}

function run(job: Omit<ReportJob, "id">): Promise<ReportDone> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    thread().postMessage({ ...job, id });
  });
}

/** A report body, or null for a game the store does not hold. Throws with a plain message. */
export async function reportBody(
  st: GameStore, where: { dataDir: string; databaseUrl?: string }, code: string, format: Format, rows: Rows, tz = "UTC",
): Promise<string | null> {
  const { dataDir, databaseUrl } = where;
  await st.flush(); // the worker reads what is committed: make what is pending visible first
  const [record, game] = await Promise.all([st.recordStamp(code), st.game(code)]);
  const stamp = `${record}:${await storedStamp(st, game)}`;
  const key = `${databaseUrl ? "pg" : dataDir}\0${code}\0${format}\0${rows}\0${format === "html" ? tz : ""}`;
  const kept = cache.get(key);
  if (kept && kept.stamp === stamp) {
    cache.delete(key);
    cache.set(key, kept); // most recently used last
    return kept.body;
  }
  const flying = inFlight.get(key);
  if (flying && flying.stamp === stamp) return flying.body;
  const body = run({ dataDir, databaseUrl, code, format, rows, tz }).then((d) => {
    if ("error" in d) throw new Error(d.error);
    if ("missing" in d) return null;
    cache.delete(key);
    cache.set(key, { stamp, body: d.body });
    while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
    return d.body;
  });
  inFlight.set(key, { stamp, body });
  const clear = () => {
    if (inFlight.get(key)?.body === body) inFlight.delete(key);
  };
  body.then(clear, clear);
  return body;
}
