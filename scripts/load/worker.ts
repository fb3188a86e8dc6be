/**
 * One load-generator thread: it owns whole classrooms (a facilitator and its students), so the
 * sender and every observer of a line share one clock (performance.now of this thread) and no
 * per-line bookkeeping crosses threads. Only histograms and counters go back to the main thread.
 *
 * A line's latency is send → the moment another member's SDK fires `onAdd` on `state.table` for
 * it, i.e. after the patch is decoded: what a student's screen could show. Members beyond
 * `decoders` per room (see WorkerPlan) take the moment the patch carrying the line arrives.
 */
import "./nodeSocket.ts";
import { Callbacks, Client, type Room } from "@colyseus/sdk";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parentPort, workerData, threadId } from "node:worker_threads";
import { Histogram, type HistogramData } from "./histogram.ts";

export const DELEGATIONS = ["RU", "UA", "US", "EU", "BY"] as const;
type Code = (typeof DELEGATIONS)[number];

export interface WorkerPlan {
  url: string;
  /** Room indexes this thread owns (for names only). */
  rooms: number[];
  students: number;
  joinConcurrency: number;
  sayEveryMs: number;
  actionEveryMs: number;
  /** Each facilitator adds a minute to the round every N ms (0: never). */
  facilitatorEveryMs: number;
  /** Rooms with bots on: they play every seat no student holds. */
  bots: boolean;
  /** Delegations left to the bots, from the end of DELEGATIONS (students sit in the others). */
  botSeats: number;
  graceMs: number;
  /** Members per room (facilitator first, then students) whose SDK decodes every patch; the
   *  others only look for the line in the patch bytes. Infinity: everyone decodes. */
  decoders: number;
}

export interface WorkerReady {
  type: "ready";
  rooms: number;
  clients: number;
  failedCreates: number;
  failedJoins: number;
  failedStarts: number;
  /** Creates and joins the server asked to try again (its rate budgets), then retried. */
  retries: number;
  /** Rooms per server process (host:port), from where each facilitator's socket went. */
  roomsByHost: Record<string, number>;
  joinErrors: string[];
  joinMs: number;
}

export interface WorkerResult {
  type: "result";
  first: HistogramData;
  each: HistogramData;
  linesSent: number;
  linesSeenByAny: number;
  linesSeenByAll: number;
  deliveriesExpected: number;
  deliveries: number;
  actions: Record<string, number>;
  errors: Record<string, number>;
  drops: number;
  leaves: number;
  /** This thread's event-loop delay while measuring (ms): how late the generator itself ran. */
  loopDelayP99: number;
  loopDelayMax: number;
}

interface Member {
  room: Room;
  index: number;
  delegation: Code | "";
  connected: boolean;
}

const PATCH = 15; // Protocol.ROOM_STATE_PATCH
const DATA = 13; // Protocol.ROOM_DATA: a message, its type first
const ERROR_TYPE = Buffer.from("\xa5error", "latin1"); // the type "error" as the frame encodes it
const PROTOCOL_CODE_MASK = 31;
const LOAD = Buffer.from("load ");

interface Classroom {
  code: string;
  /** The SDK client for the process hosting the room (see `hostOf`). */
  client: Client;
  facilitator: Member;
  members: Member[];
}

interface Line {
  t: number;
  sender: number;
  seen: Uint8Array;
  seenCount: number;
  expected: number;
}

const LINE = /^load (\S+) /;
const LOOP_RESOLUTION_MS = 10;

/** Runs `fn` over items with at most `n` in flight: joins are ramped, not stampeded. */
async function pool<T>(items: T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, run));
}

/**
 * The server's own budgets (new games per server, unused seat reservations per address) refuse
 * a burst with `create/too_many` or `join/too_many` and "try again": a teacher waits and clicks
 * again, and so does the generator, for up to two minutes. Each retry is counted and reported.
 */
const RETRYABLE = /^(create|join)\/too_many:/;
async function patiently<T>(attempt: () => Promise<T>, retried: () => void): Promise<T> {
  const end = Date.now() + 120_000;
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (!RETRYABLE.test(e instanceof Error ? e.message : String(e)) || Date.now() > end) throw e;
      retried();
      await new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));
    }
  }
}

async function until(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function run(plan: WorkerPlan): void {
  const port = parentPort!;
  const client = new Client(plan.url);
  const clients = new Map<string, Client>([[new URL(plan.url).host, client]]);
  /**
   * The client for the process a room lives on: its students ask that process for their seats,
   * as a proxy routing a class's code to its process would. Asking another process works too
   * (Redis finds the room), but that process keeps each seat it handed out counted against the
   * address's unused reservations (`join/too_many`) until the reservation lapses, the websocket
   * having gone to the owner: 60 joins per 8 s from one address.
   */
  const hostOf = (room: Room): Client => {
    const url = (room as unknown as { connection: { transport: { ws: { url?: string } } } }).connection.transport.ws.url;
    const host = url ? new URL(url).host : new URL(plan.url).host;
    let c = clients.get(host);
    if (!c) clients.set(host, (c = new Client(`ws://${host}`)));
    return c;
  };
  const classes: Classroom[] = [];
  const lines = new Map<string, Line>();
  const first = new Histogram();
  const each = new Histogram();
  const errors: Record<string, number> = {};
  const actions: Record<string, number> = { say: 0, ready: 0, aside: 0, facilitator: 0 };
  const seated = DELEGATIONS.slice(0, DELEGATIONS.length - plan.botSeats);
  const botCodes = new Set<string>(DELEGATIONS.slice(seated.length));
  if (plan.botSeats > 0) actions.botLines = 0;
  let measuring = false;
  let seq = 0;
  let drops = 0;
  let leaves = 0;
  let stopping = false;
  const timers: ReturnType<typeof setTimeout>[] = [];

  const watch = (m: Member) => {
    m.room.onMessage("*", (type, payload) => {
      if (type === "error") {
        const code = String((payload as { code?: unknown })?.code ?? "?");
        errors[code] = (errors[code] ?? 0) + 1;
      }
    });
    m.room.onDrop(() => { drops++; m.connected = false; });
    m.room.onLeave(() => { if (!stopping) leaves++; m.connected = false; });
    if (m.index < plan.decoders) {
      Callbacks.get(m.room as never).onAdd("table" as never, ((entry: { text?: string; from?: string }) => {
        // The facilitator counts what the bots said at the table (the seats left to them).
        if (m.index === 0 && measuring && entry?.from && botCodes.has(entry.from)) actions.botLines++;
        const id = LINE.exec(entry?.text ?? "")?.[1];
        if (id) seen(m, id);
      }) as never);
      return;
    }
    // A light member: its SDK handles every frame except state patches, which it only scans
    // for the line ids they carry, and messages other than `error`, which it does not read
    // (the same bytes arrive; only the decoding is skipped, so one generator thread can hold
    // thousands of clients). Its state is left stale on purpose.
    const connection = (m.room as unknown as { connection: { events: { onmessage: (ev: { data: ArrayBuffer | Uint8Array }) => void }; transport: { ws: { binaryType: string } } } }).connection;
    const events = connection.events;
    const sdk = events.onmessage;
    connection.transport.ws.binaryType = "nodebuffer"; // no copy into an ArrayBuffer per frame
    events.onmessage = (ev) => {
      const buf = Buffer.isBuffer(ev.data) ? ev.data : Buffer.from(ev.data as ArrayBuffer);
      const code = buf[0] & PROTOCOL_CODE_MASK;
      if (code === DATA && !ERROR_TYPE.equals(buf.subarray(1, 1 + ERROR_TYPE.length))) return;
      if (code !== PATCH) return sdk(ev);
      for (let i = buf.indexOf(LOAD); i !== -1; ) {
        const end = buf.indexOf(0x20, i + LOAD.length);
        if (end === -1) break;
        seen(m, buf.toString("latin1", i + LOAD.length, end));
        i = buf.indexOf(LOAD, end);
      }
    };
  };

  const seen = (m: Member, id: string) => {
    const line = lines.get(id);
    if (!line || line.sender === m.index || line.seen[m.index]) return;
    const ms = performance.now() - line.t;
    line.seen[m.index] = 1;
    if (line.seenCount === 0) first.add(ms);
    line.seenCount++;
    each.add(ms);
  };

  const say = (c: Classroom, m: Member) => {
    if (!measuring || !m.connected) return;
    const id = `${threadId}.${++seq}`;
    const expected = c.members.filter((o) => o !== m && o.connected).length;
    lines.set(id, { t: performance.now(), sender: m.index, seen: new Uint8Array(plan.students + 1), seenCount: 0, expected });
    m.room.send("action", { type: "say", to: "table", text: `load ${id} from ${c.code} seat ${m.index}` });
    actions.say++;
  };

  /** An ordinary move: delegations other than BY toggle "ready" (BY never does, so a round never
   *  ends by everyone being ready); BY speaks privately to Russia, a back-channel message. */
  const act = (c: Classroom, m: Member) => {
    if (!measuring || !m.connected || !m.delegation) return;
    if (m.delegation === "BY") {
      m.room.send("action", { type: "say", to: ["RU"], text: `aside ${threadId}.${++seq} from seat ${m.index}` });
      actions.aside++;
    } else {
      // The facilitator always decodes: its state is current for every delegation.
      const d = (c.facilitator.room.state as { delegations?: { get(k: string): { ready?: boolean } | undefined } }).delegations?.get(m.delegation);
      m.room.send("action", { type: "ready", ready: !d?.ready });
      actions.ready++;
    }
  };

  /** The facilitator's minute: one more minute on the round clock, announced to the room. */
  const facilitate = (c: Classroom) => {
    if (!measuring || !c.facilitator.connected) return;
    c.facilitator.room.send("facilitator", { type: "extend", seconds: 60 });
    actions.facilitator++;
  };

  const prepare = async (): Promise<WorkerReady> => {
    const t0 = performance.now();
    let failedCreates = 0;
    let failedJoins = 0;
    let failedStarts = 0;
    let retries = 0;
    const retried = () => { retries++; };
    const joinErrors: string[] = [];
    const note = (e: unknown) => { if (joinErrors.length < 5) joinErrors.push(e instanceof Error ? e.message : String(e)); };

    await pool(plan.rooms, plan.joinConcurrency, async (r) => {
      try {
        const room = await patiently(() => client.create("table", {
          name: `Teacher ${r}`, role: "facilitator",
          // A round clock only when the facilitator extends it: an hour, so no round ends.
          config: { roundSeconds: plan.facilitatorEveryMs > 0 ? 3600 : 0, bots: plan.bots, events: false },
        }), retried);
        const facilitator: Member = { room, index: 0, delegation: "", connected: true };
        const c: Classroom = { code: room.roomId, client: hostOf(room), facilitator, members: [facilitator] };
        watch(facilitator);
        classes.push(c);
      } catch (e) {
        failedCreates++;
        note(e);
      }
    });

    const seats: { c: Classroom; i: number }[] = [];
    for (const c of classes) for (let i = 1; i <= plan.students; i++) seats.push({ c, i });
    await pool(seats, plan.joinConcurrency, async ({ c, i }) => {
      const delegation = seated[(i - 1) % seated.length];
      try {
        const room = await patiently(() => c.client.joinById(c.code, { name: `Student ${i}`, role: "player", delegation }), retried);
        const m: Member = { room, index: i, delegation, connected: true };
        c.members[i] = m;
        watch(m);
      } catch (e) {
        failedJoins++;
        note(e);
      }
    });
    for (const c of classes) c.members = c.members.filter(Boolean);

    // The class has arrived: the facilitator opens the briefing, then round 1.
    await pool(classes, plan.joinConcurrency, async (c) => {
      const f = c.facilitator.room;
      const phase = () => (f.state as { phase?: string }).phase;
      try {
        f.send("facilitator", { type: "start" });
        await until(() => phase() === "briefing", 15_000, `briefing in ${c.code}`);
        f.send("facilitator", { type: "advance" });
        await until(() => phase() === "round", 15_000, `round 1 in ${c.code}`);
      } catch (e) {
        failedStarts++;
        note(e);
      }
    });

    return {
      type: "ready",
      rooms: classes.length,
      clients: classes.reduce((n, c) => n + c.members.length, 0),
      failedCreates, failedJoins, failedStarts, retries, joinErrors,
      roomsByHost: classes.reduce((acc, c) => {
        const host = [...clients].find(([, v]) => v === c.client)?.[0] ?? "?";
        acc[host] = (acc[host] ?? 0) + 1;
        return acc;
      }, {} as Record<string, number>),
      joinMs: Math.round(performance.now() - t0),
    };
  };

  const measure = async (seconds: number): Promise<WorkerResult> => {
    measuring = true;
    const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    loop.enable();
    for (const c of classes) {
      if (plan.facilitatorEveryMs > 0) {
        timers.push(setTimeout(() => {
          facilitate(c);
          timers.push(setInterval(() => facilitate(c), plan.facilitatorEveryMs));
        }, Math.random() * plan.facilitatorEveryMs));
      }
      for (const m of c.members) {
        if (m.index === 0) continue;
        const offset = Math.random() * plan.sayEveryMs;
        timers.push(setTimeout(() => {
          say(c, m);
          timers.push(setInterval(() => say(c, m), plan.sayEveryMs));
        }, offset));
        if (plan.actionEveryMs > 0) {
          timers.push(setTimeout(() => {
            act(c, m);
            timers.push(setInterval(() => act(c, m), plan.actionEveryMs));
          }, Math.random() * plan.actionEveryMs));
        }
      }
    }
    await new Promise((r) => setTimeout(r, seconds * 1000));
    measuring = false;
    for (const t of timers) clearTimeout(t);
    loop.disable();
    // Stragglers: a line sent in the last instant still has the grace period to arrive.
    await new Promise((r) => setTimeout(r, plan.graceMs));

    let linesSeenByAny = 0;
    let linesSeenByAll = 0;
    let deliveriesExpected = 0;
    let deliveries = 0;
    for (const l of lines.values()) {
      if (l.seenCount > 0) linesSeenByAny++;
      if (l.seenCount >= l.expected) linesSeenByAll++;
      deliveriesExpected += l.expected;
      deliveries += Math.min(l.seenCount, l.expected);
    }
    return {
      type: "result",
      first: first.data(),
      each: each.data(),
      linesSent: lines.size,
      linesSeenByAny, linesSeenByAll, deliveriesExpected, deliveries,
      actions, errors, drops, leaves,
      // The histogram counts the sampling interval itself; report only the lateness beyond it.
      loopDelayP99: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
      loopDelayMax: Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS),
    };
  };

  const close = async () => {
    stopping = true;
    const all = classes.flatMap((c) => c.members);
    await pool(all, 50, async (m) => {
      try {
        await Promise.race([m.room.leave(true), new Promise((r) => setTimeout(r, 3000))]);
      } catch {
        // Already gone.
      }
    });
  };

  port.on("message", async (msg: { type: string; seconds?: number }) => {
    try {
      if (msg.type === "prepare") port.postMessage(await prepare());
      else if (msg.type === "measure") port.postMessage(await measure(msg.seconds ?? 10));
      else if (msg.type === "close") {
        await close();
        port.postMessage({ type: "closed" });
      }
    } catch (e) {
      port.postMessage({ type: "fatal", message: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
  });
}

if (parentPort && workerData) run(workerData as WorkerPlan);
