/**
 * The report builder's thread: reads the store through its own read-only connection (SQLite) or
 * small pool (PostgreSQL, with DATABASE_URL: any process reports any game) and turns a
 * game's record into the body the teacher asked for (JSON, CSV or HTML). Replaying a long log
 * takes real time; here it never holds the server's event loop, so no class waits for a report.
 */
import { parentPort } from "node:worker_threads";
import { openStore, StoreError, type GameStore } from "../store/index.ts";
import { actionsCsv, studentsCsv } from "./csv.ts";
import { reportHtml } from "./html.ts";
import { buildReport } from "./report.ts";
import { simulatedHtml, simulatedOf, withSection } from "../sim/report.ts";

export interface ReportJob {
  id: number;
  dataDir: string;
  /** The shared store's URL (unset: the SQLite file under dataDir). */
  databaseUrl?: string;
  code: string;
  format: "json" | "csv" | "html";
  rows: "students" | "actions";
  /** The teacher's time zone for the HTML report's times (validated by the route). */
  tz: string;
}

export type ReportDone = { id: number; body: string } | { id: number; missing: true } | { id: number; error: string };

const stores = new Map<string, GameStore>();

function storeFor(job: ReportJob): GameStore {
  const key = job.databaseUrl ?? job.dataDir;
  let st = stores.get(key);
  if (!st) stores.set(key, (st = openStore({ dataDir: job.dataDir, databaseUrl: job.databaseUrl, readOnly: true })));
  return st;
}

export async function render(job: ReportJob, st: GameStore): Promise<Omit<ReportDone, "id">> {
  const report = await buildReport(st, job.code);
  if (!report) return { missing: true };
  const sim = await simulatedOf(st, report);
  report.simulated = sim?.field ?? null;
  if (job.format === "csv") return { body: job.rows === "actions" ? actionsCsv(report) : studentsCsv(report) };
  if (job.format === "html") return { body: withSection(reportHtml(report, job.tz), sim ? simulatedHtml(report, sim) : "") };
  return { body: JSON.stringify(report) };
}

parentPort?.on("message", async (job: ReportJob) => {
  let done: ReportDone;
  try {
    done = { id: job.id, ...(await render(job, storeFor(job))) } as ReportDone;
  } catch (e) {
    // Only the store's own plain-language errors are passed on; anything else stays here.
    done = { id: job.id, error: e instanceof StoreError ? e.message : "the report could not be built" };
    if (!(e instanceof StoreError)) console.error(`[report] ${job.code}: ${e instanceof Error ? e.message : String(e)}`);
  }
  parentPort!.postMessage(done);
});
