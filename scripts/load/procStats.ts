/**
 * CPU and memory of another process, from /proc (Linux only): process.cpuUsage() only sees the
 * calling process, and the server under test is a child process.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

let ticksPerSecond = 0;
function clkTck(): number {
  if (!ticksPerSecond) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User and system CPU seconds the process has used so far (all its threads). */
export function cpuTimes(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may itself contain spaces.
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { user: Number(rest[11]) / clkTck(), system: Number(rest[12]) / clkTck() };
}

/** User + system CPU seconds the process has used so far (all its threads). */
export function cpuSeconds(pid: number): number {
  const t = cpuTimes(pid);
  return t.user + t.system;
}

export interface Memory {
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size over the process's life (VmHWM), bytes. */
  peakRss: number;
}

export function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb("VmRSS"), peakRss: kb("VmHWM") };
}

/** Samples a process once a second: CPU over a window, the highest RSS seen, peak RSS. */
export class ProcSampler {
  readonly pid: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #last = { t: 0, cpu: 0 };
  /** Highest one-second CPU share seen, in per cent of one core. */
  maxCpuPercent = 0;
  maxRss = 0;

  constructor(pid: number) {
    this.pid = pid;
  }

  start(): void {
    this.#last = { t: performance.now(), cpu: cpuSeconds(this.pid) };
    this.#timer = setInterval(() => this.#sample(), 1000);
    this.#timer.unref();
  }

  #sample(): void {
    try {
      const now = { t: performance.now(), cpu: cpuSeconds(this.pid) };
      const pct = ((now.cpu - this.#last.cpu) / ((now.t - this.#last.t) / 1000)) * 100;
      if (pct > this.maxCpuPercent) this.maxCpuPercent = pct;
      this.#last = now;
      const m = memory(this.pid);
      if (m.rss > this.maxRss) this.maxRss = m.rss;
    } catch {
      // The process ended between samples.
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** CPU used between two readings as a share of one core, in per cent. */
export function cpuPercent(cpuFrom: number, cpuTo: number, msFrom: number, msTo: number): number {
  return ((cpuTo - cpuFrom) / ((msTo - msFrom) / 1000)) * 100;
}

/** Busy and total CPU seconds of the whole machine (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = f[3] + f[4];
  return { busy: (total - idle) / clkTck(), total: total / clkTck() };
}

/**
 * Scheduling priority of a process's autogroup (Linux, root). With autogroup scheduling each
 * session shares the CPU equally with every other busy session, whatever its nice value, so on
 * a machine others are using this is the only knob that gives the measured processes the CPU a
 * dedicated machine would. Returns false when not permitted.
 */
export function setAutogroupNice(pid: number, nice: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(nice));
    return true;
  } catch {
    return false;
  }
}
