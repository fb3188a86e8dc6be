/**
 * For the cost scripts (scripts/simcost.ts, scripts/whatifcost.ts): their whole-number options,
 * and a load test run beside a job against a server process that is already up.
 */
import { spawn } from "node:child_process";
import { ROOT } from "./serverProcess.ts";

/** `--name N` from the command line, a whole number ≥ 1 (`d` when absent). */
export function wholeArg(name: string, d: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : d;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} needs a whole number ≥ 1`);
  return v;
}

export interface Beside {
  latency: Record<string, number>;
  delivered: number;
  lines: unknown;
  server: unknown;
  otherCpuPercent: number;
}

/**
 * `npm run loadtest -- --url … --json` against the running server `pid`: rooms × students for
 * `seconds` (`priority`: autogroup nice −19 for the server and the generator; root).
 */
export function loadBeside(url: string, pid: number, o: { rooms: number; students: number; seconds: number; priority: boolean }): Promise<Beside> {
  return new Promise((resolve, reject) => {
    const args = ["scripts/loadtest.ts", "--url", url, "--pid", String(pid), "--rooms", String(o.rooms), "--students", String(o.students), "--seconds", String(o.seconds), "--json", ...(o.priority ? ["--priority"] : [])];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.once("exit", (code) => {
      try {
        const r = JSON.parse(out.slice(out.indexOf("{")));
        resolve({ latency: r.latency, delivered: r.delivered, lines: r.lines, server: r.server, otherCpuPercent: r.otherCpuPercent });
      } catch {
        reject(new Error(`loadtest exited ${code}: ${out.slice(-500)}`));
      }
    });
  });
}

/**
 * What the cost scripts (simcost, whatifcost) take from the command line: the job's games and
 * threads, and the load run beside it (--rooms, --students, --seconds, --priority), with the
 * run of that load and the options again as they would be typed.
 */
export function costOptions() {
  const games = wholeArg("games", 1000);
  const threads = wholeArg("threads", 1);
  const rooms = wholeArg("rooms", 10);
  const students = wholeArg("students", 30);
  const seconds = wholeArg("seconds", 30);
  const priority = process.argv.includes("--priority");
  return {
    games, threads, rooms, students, seconds, priority,
    load: (url: string, pid: number) => loadBeside(url, pid, { rooms, students, seconds, priority }),
    /** The load's options as typed, for the printed command. */
    loadArgs: `--rooms ${rooms} --students ${students} --seconds ${seconds}${priority ? " --priority" : ""}`,
  };
}
