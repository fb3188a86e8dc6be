/**
 * Test harness: a real server on 127.0.0.1 (any free port, temp DATA_DIR), official
 * @colyseus/sdk clients, and a recorder that keeps every message each client receives so
 * tests can assert both what arrived and what never did.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { ColyseusTestServer } from "@colyseus/testing";
import { startServer } from "../../server/app.config.ts";
import type { Settings } from "../../server/context.ts";

export interface Booted {
  colyseus: ColyseusTestServer;
  url: string;
  http: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function boot(settings: Partial<Settings> = {}, dataDir = mkdtempSync(join(tmpdir(), "seat-test-"))): Promise<Booted> {
  const { server, port } = await startServer({
    host: "127.0.0.1", port: 0, dataDir, gracefullyShutdown: false,
    // No distributions unless a test asks: each would keep a core busy through the test.
    settings: { botDelayMs: [0, 0], simGames: 0, ...settings },
  });
  const colyseus = new ColyseusTestServer(server);
  return {
    colyseus, dataDir, url: `ws://127.0.0.1:${port}`, http: `http://127.0.0.1:${port}`,
    async stop() {
      await colyseus.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Msg {
  type: string;
  payload: any;
}

/** A connected client that records everything it receives. */
export class Player {
  readonly room: Room<any, any>;
  readonly inbox: Msg[] = [];
  #waiters: { pred: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];

  constructor(room: Room<any, any>) {
    this.room = room;
    room.onMessage("*", (type: string | number, payload: unknown) => {
      const m = { type: String(type), payload };
      this.inbox.push(m);
      this.#waiters = this.#waiters.filter((w) => (w.pred(m) ? (w.resolve(m), false) : true));
    });
  }

  static async create(url: string, options: Record<string, unknown>): Promise<Player> {
    const c = new Client(url);
    return new Player(await c.create("table", options));
  }

  static async join(url: string, code: string, options: Record<string, unknown>): Promise<Player> {
    const c = new Client(url);
    return new Player(await c.joinById(code, options));
  }

  get state(): any {
    return this.room.state;
  }

  json(): any {
    return this.room.state.toJSON();
  }

  /** The first message of `type` (already received or next) matching `pred`. */
  message(type: string, pred: (p: any) => boolean = () => true, timeout = 8000): Promise<any> {
    const have = this.inbox.find((m) => m.type === type && pred(m.payload));
    if (have) return Promise.resolve(have.payload);
    return this.next(type, pred, timeout);
  }

  /** The next message of `type` matching `pred` that arrives from now on. */
  next(type: string, pred: (p: any) => boolean = () => true, timeout = 8000): Promise<any> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no "${type}" message within ${timeout} ms`)), timeout);
      this.#waiters.push({
        pred: (m) => m.type === type && pred(m.payload),
        resolve: (m) => { clearTimeout(t); resolve(m.payload); },
      });
    });
  }

  of(type: string): any[] {
    return this.inbox.filter((m) => m.type === type).map((m) => m.payload);
  }

  send(type: string, payload: unknown): void {
    this.room.send(type, payload);
  }

  /** Sends and waits for the state to satisfy `until` (or an error reply). */
  async act(type: string, payload: unknown, until?: (s: any) => boolean): Promise<void> {
    const errors = this.of("error").length;
    this.send(type, payload);
    if (until) {
      await waitUntil(() => until(this.json()) || this.of("error").length > errors, `state after ${JSON.stringify(payload)}`);
      const e = this.of("error").slice(errors)[0];
      if (e && !until(this.json())) throw new Error(`refused: ${e.code} ${e.message}`);
    }
  }

  async leave(): Promise<void> {
    try {
      await this.room.leave(true);
    } catch {
      /* already gone */
    }
  }
}

export async function waitUntil(cond: () => boolean, what = "condition", timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
