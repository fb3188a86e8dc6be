/**
 * The one server definition: the `table` room, the websocket transport, and the HTTP routes.
 * `startServer` binds HOST/PORT, then restores every unfinished game from the store; /healthz
 * answers 200 only after that. One server per process (Colyseus's matchmaker is global).
 */
import { defineRoom, defineServer, matchMaker, type Server } from "@colyseus/core";
import { resolve } from "node:path";
import { ROOM_NAME } from "../shared/protocol/messages.ts";
import { defaultSettings, runtime, type Settings } from "./context.ts";
import { limitRequestBodies } from "./http/bodyLimit.ts";
import { health, mountRoutes } from "./http/routes.ts";
import { TableRoom } from "./rooms/TableRoom.ts";
import { scaleOut } from "./scaleOut.ts";
import { SteadyWebSocketTransport } from "./transport.ts";
import { Pacing } from "./sync/Pacing.ts";
import { Store } from "./store/Store.ts";

export interface AppOptions {
  dataDir: string;
  distDir?: string;
  settings?: Partial<Settings>;
  /** Colyseus's SIGINT/SIGTERM handling (off in in-process tests). */
  gracefullyShutdown?: boolean;
}

export function createServer(opts: AppOptions): Server {
  runtime.settings = { ...defaultSettings(opts.dataDir), ...opts.settings, dataDir: opts.dataDir };
  runtime.store?.close();
  runtime.store = new Store(opts.dataDir);
  runtime.pacing.stop();
  runtime.pacing = new Pacing(runtime.settings.patchWindowMs);
  health.ready = false;
  health.restored = 0;
  health.damaged = [];
  health.warnings = [...runtime.store.warnings];
  const distDir = opts.distDir ?? resolve(import.meta.dirname, "..", "dist");
  // 64 KB frames: anything over the 16 KB message limit still gets an `error` reply rather
  // than a dropped socket; only larger frames close the connection (1009).
  const transport = new SteadyWebSocketTransport({ maxPayload: 64 * 1024 });
  const server = defineServer({
    // With REDIS_URL: RedisPresence + RedisDriver + this process's publicAddress (docs/DEPLOYMENT.md).
    ...scaleOut(),
    rooms: { [ROOM_NAME]: defineRoom(TableRoom) },
    transport,
    greet: false,
    devMode: false,
    gracefullyShutdown: opts.gracefullyShutdown ?? true,
    express: (app) => mountRoutes(app as never, distDir),
  });
  // After every room has been disposed (SIGTERM/SIGINT or a test's shutdown): close the
  // database cleanly. Every action was already committed when it was accepted.
  const st = runtime.store;
  server.onShutdown(() => {
    if (runtime.store === st) runtime.store = null;
    st.close();
    runtime.pacing.stop();
  });
  return server;
}

/** Recreates a room, with the same code, for every game the store holds as unfinished. */
export async function restoreGames(): Promise<number> {
  const st = runtime.store!;
  let n = 0;
  for (const code of st.liveGames()) {
    try {
      await matchMaker.createRoom(ROOM_NAME, { restore: code, restoreSecret: runtime.restoreSecret });
      n++;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      health.damaged.push({ code, reason });
      console.error(`[restore] game ${code} could not be restored: ${reason}`);
    }
  }
  health.restored = n;
  health.ready = true;
  return n;
}

export interface Started {
  server: Server;
  port: number;
  host: string;
}

export async function startServer(opts: AppOptions & { host?: string; port?: number }): Promise<Started> {
  const server = createServer(opts);
  const host = opts.host ?? "0.0.0.0";
  // A port in use is an error here (Colyseus would only log it and never listen).
  const failed = new Promise<never>((_, reject) => server.transport.server?.once("error", reject));
  await Promise.race([server.listen(opts.port ?? 2567, host), failed]);
  limitRequestBodies(server.transport.server!);
  const address = server.transport.server?.address();
  const port = typeof address === "object" && address ? address.port : (opts.port ?? 2567);
  // @colyseus/testing's ColyseusTestServer reads the port from here (port 0 = any free one).
  (server as unknown as { port: number }).port = port;
  await restoreGames();
  return { server, port, host };
}
