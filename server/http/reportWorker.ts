/**
 * The report builder's thread: reads the store through its own read-only connection and turns a
 * game's record into the body the teacher asked for (JSON, CSV or HTML). Replaying a long log
 * takes real time; here it never holds the server's event loop, so no class waits for a report.
 */
import { parentPort } from "node:worker_threads";
import { Store, StoreError } from "../store/Store.ts";
import { actionsCsv, studentsCsv } from "./csv.ts";
import { reportHtml } from "./html.ts";
import { buildReport } from "./report.ts";
import { simulatedHtml, simulatedOf, withSection } from "../sim/report.ts";

export interface ReportJob {
  id: number;
  dataDir: string;
  code: string;
  format: "json" | "csv" | "html";
  rows: "students" | "actions";
  /** The teacher's time zone for the HTML report's times (validated by the route). */
  tz: string;
}

export type ReportDone = { id: number; body: string } | { id: number; missing: true } | { id: number; error: string };

const stores = new Map<string, Store>();

function storeFor(dataDir: string): Store {
  let st = stores.get(dataDir);
  if (!st) stores.set(dataDir, (st = new Store(dataDir, { readOnly: true })));
  return st;
}

export function render(job: ReportJob, st: Store): Omit<ReportDone, "id"> {
  const report = buildReport(st, job.code);
  if (!report) return { missing: true };
  const sim = simulatedOf(job.dataDir, report);
  report.simulated = sim?.field ?? null;
  if (job.format === "csv") return { body: job.rows === "actions" ? actionsCsv(report) : studentsCsv(report) };
  if (job.format === "html") return { body: withSection(reportHtml(report, job.tz), sim ? simulatedHtml(report, sim) : "") };
  return { body: JSON.stringify(report) };
}

parentPort?.on("message", (job: ReportJob) => {
  let done: ReportDone;
  try {
    done = { id: job.id, ...render(job, storeFor(job.dataDir)) } as ReportDone;
  } catch (e) {
    // Only the store's own plain-language errors are passed on; anything else stays here.
    done = { id: job.id, error: e instanceof StoreError ? e.message : "the report could not be built" };
    if (!(e instanceof StoreError)) console.error(`[report] ${job.code}: ${e instanceof Error ? e.message : String(e)}`);
  }
  parentPort!.postMessage(done);
});
