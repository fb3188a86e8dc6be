/**
 * A throwaway redis-server on a free loopback port (no persistence), for the scale-out test and
 * `npm run loadtest -- --processes N`. Killed with the process that started it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { freePort } from "./serverProcess.ts";

export const hasRedisServer = (): boolean => spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;

/** One inline Redis command over a raw socket: no client library needed for a probe. */
export function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((ok, fail) => {
    const s = connect(port, "127.0.0.1");
    let out = "";
    s.setTimeout(2000, () => { s.destroy(); fail(new Error(`redis ${command}: timeout`)); });
    s.on("data", (d) => {
      out += d.toString();
      if (out.endsWith("\r\n")) { s.end(); ok(out.trim()); }
    });
    s.on("error", fail);
    s.write(`${command}\r\n`);
  });
}

export interface RunningRedis {
  port: number;
  url: string;
  child: ChildProcess;
  stop(): void;
}

export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const orphan = () => child.kill("SIGKILL");
  process.once("exit", orphan);
  const stop = () => { process.off("exit", orphan); child.kill("SIGTERM"); };
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await redisCommand(port, "PING")) === "+PONG") return { port, url: `redis://127.0.0.1:${port}`, child, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) {
      stop();
      throw new Error("redis-server did not answer PING");
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
