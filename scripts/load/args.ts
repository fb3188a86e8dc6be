/**
 * Command-line options of `npm run loadtest`, with hard bounds: the harness only ever talks to
 * 127.0.0.1 and stops by itself.
 */
export interface LoadArgs {
  rooms: number;
  students: number;
  seconds: number;
  json: boolean;
  /** An already running server (ws://127.0.0.1:PORT); the harness then starts none. */
  url: string;
  /** Pid of that server, to read its CPU and memory from /proc. */
  pid: number;
  baseline: boolean;
  workers: number;
  sayMs: number;
  actionMs: number;
  joinConcurrency: number;
  graceMs: number;
  /** Memory mode: create this many idle rooms and report the RSS they cost. */
  idleRooms: number;
  cpuProf: boolean;
  entry: string;
  /** Members per room whose SDK decodes every patch (the rest scan patch bytes); 0: all. */
  decoders: number;
  /** Raise the scheduling priority of the server and the generator (root; autogroup nice). */
  priority: boolean;
  /** Server processes sharing a throwaway Redis (scale-out on one machine). */
  processes: number;
  /** The facilitator of each room acts (adds a minute to the round) every N ms; 0: never. */
  facilitatorMs: number;
  /** Rooms created with bots on (they play every seat no student holds). */
  bots: boolean;
  /** Delegations per room left to the bots (students sit in the other 5 − N). */
  botSeats: number;
  /** Passed to the server processes as DATABASE_URL (the shared PostgreSQL store). */
  databaseUrl: string;
}

/** A classroom's real rhythm (docs/PERFORMANCE.md): each student speaks about every 20 s and
 *  moves about every 30 s, the facilitator acts every minute, bots play empty seats. */
export const CLASSROOM = { sayMs: 20_000, actionMs: 30_000, facilitatorMs: 60_000, bots: true };

/** Clients one generator thread holds by default: past this its event loop, not the server,
 *  starts to set the tail of send→seen. */
export const CLIENTS_PER_WORKER = 2500;

// 15,000 students: half again the classroom-rhythm target (10,000), and below the 20,000
// descriptors a process may open here (`ulimit -n`): the generator holds one socket per client,
// and so does a single server.
export const LIMITS = { rooms: 1000, students: 40, seconds: 600, clients: 15_000, idleRooms: 5000, workers: 8 };

export const USAGE = `npm run loadtest -- [options]
  --rooms R            classrooms (default 10, at most ${LIMITS.rooms})
  --students S         students per classroom (default 30, at most ${LIMITS.students})
  --seconds T          measured seconds (default 30, at most ${LIMITS.seconds})
  --json               print the result as JSON
  --url ws://127.0.0.1:PORT   use a running server instead of starting one (loopback only)
  --pid PID            that server's pid, for CPU and memory (otherwise not reported)
  --baseline           start the plain-Colyseus baseline room (50 ms patch tick) instead
  --workers W          load-generator threads (default: 1 up to 600 clients, else one per
                       ${CLIENTS_PER_WORKER} clients, at least 2)
  --say-ms N           each student speaks every N ms (default 2000)
  --action-ms N        each student makes an ordinary move every N ms (default 10000; 0: none)
  --join-concurrency N joins in flight per thread (default 10)
  --grace-ms N         wait for late lines after the run (default 3000)
  --idle-rooms N       memory mode: N idle classrooms, report RSS per room
  --cpu-prof           run the server with --cpu-prof (profile in the printed directory)
  --entry FILE         server script (default server/main.ts)
  --decoders N         members per room whose SDK decodes every patch: the facilitator and the
                       first N-1 students (default 2: the facilitator and one student); the others
                       find their lines in the patch bytes without decoding. 0: every client decodes
  --priority           on a shared machine: give the server and the generator scheduling
                       priority over other sessions (autogroup nice -19; needs root)
  --processes N        N server processes sharing a throwaway redis-server (scale-out; CPU
                       is their sum, peak RSS per process)
  --database-url URL   DATABASE_URL for the server processes (PostgreSQL on loopback)
  --facilitator-ms N   each facilitator adds a minute to the round every N ms (default 0: never;
                       rooms then get a round clock of an hour, so no round ends)
  --bots               rooms with bots on: they play every seat no student holds, at the
                       server's own pace (BOT_DELAY_MS unset)
  --bot-seats N        leave N delegations per room to the bots (0-4; implies --bots)
  --classroom          a classroom's real rhythm: --say-ms 20000 --action-ms 30000
                       --facilitator-ms 60000 --bots (each can still be set after it)`;

export function parseArgs(argv: string[]): LoadArgs {
  const a: LoadArgs = {
    rooms: 10, students: 30, seconds: 30, json: false, url: "", pid: 0, baseline: false, workers: 0,
    sayMs: 2000, actionMs: 10_000, joinConcurrency: 10, graceMs: 3000, idleRooms: 0, cpuProf: false,
    entry: "server/main.ts", decoders: 2, priority: false, processes: 1,
    facilitatorMs: 0, bots: false, botSeats: 0, databaseUrl: "",
  };
  const num = (name: string, v: string | undefined, lo: number, hi: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(`${name} must be an integer from ${lo} to ${hi}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    switch (k) {
      case "--rooms": a.rooms = num(k, v(), 1, LIMITS.rooms); break;
      case "--students": a.students = num(k, v(), 1, LIMITS.students); break;
      case "--seconds": a.seconds = num(k, v(), 1, LIMITS.seconds); break;
      case "--json": a.json = true; break;
      case "--url": a.url = v() ?? ""; break;
      case "--pid": a.pid = num(k, v(), 1, 2 ** 31); break;
      case "--baseline": a.baseline = true; break;
      case "--workers": a.workers = num(k, v(), 1, LIMITS.workers); break;
      case "--say-ms": a.sayMs = num(k, v(), 100, 60_000); break;
      case "--action-ms": a.actionMs = num(k, v(), 0, 600_000); break;
      case "--join-concurrency": a.joinConcurrency = num(k, v(), 1, 200); break;
      case "--grace-ms": a.graceMs = num(k, v(), 0, 60_000); break;
      case "--idle-rooms": a.idleRooms = num(k, v(), 1, LIMITS.idleRooms); break;
      case "--cpu-prof": a.cpuProf = true; break;
      case "--entry": a.entry = v() ?? a.entry; break;
      case "--decoders": a.decoders = num(k, v(), 0, 100); break;
      case "--priority": a.priority = true; break;
      case "--processes": a.processes = num(k, v(), 1, 4); break;
      case "--database-url": a.databaseUrl = v() ?? ""; break;
      case "--facilitator-ms": a.facilitatorMs = num(k, v(), 0, 600_000); break;
      case "--bots": a.bots = true; break;
      case "--bot-seats": a.botSeats = num(k, v(), 0, 4); a.bots = true; break;
      case "--classroom": Object.assign(a, CLASSROOM); break;
      case "--help": case "-h": throw new Error(USAGE);
      default: throw new Error(`unknown option ${k}\n${USAGE}`);
    }
  }
  if (a.processes > 1 && (a.url || a.baseline)) throw new Error("--processes starts its own servers of the game (not with --url or --baseline)");
  if (a.rooms * a.students > LIMITS.clients) throw new Error(`at most ${LIMITS.clients} students in all`);
  if (a.databaseUrl) {
    if (a.url || a.baseline) throw new Error("--database-url is for the servers of the game the harness starts (not with --url or --baseline)");
    const u = new URL(a.databaseUrl);
    const host = u.hostname || new URLSearchParams(u.search).get("host") || "";
    if (!/^postgres(ql)?:$/.test(u.protocol) || !(["127.0.0.1", "localhost", "[::1]"].includes(host) || host.startsWith("/"))) {
      throw new Error("--database-url must be postgres://…@127.0.0.1/… or a local socket (the load test only runs on this machine)");
    }
  }
  if (a.url) {
    const u = new URL(a.url);
    if (!/^wss?:$/.test(u.protocol) || !["127.0.0.1", "localhost", "[::1]"].includes(u.hostname)) {
      throw new Error("--url must be ws://127.0.0.1:PORT (the load test only runs over loopback)");
    }
  }
  const clients = a.rooms * (a.students + 1);
  if (!a.workers) a.workers = clients > 600 ? Math.min(LIMITS.workers, Math.max(2, Math.ceil(clients / CLIENTS_PER_WORKER))) : 1;
  a.workers = Math.min(a.workers, a.rooms);
  return a;
}
