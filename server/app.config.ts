/**
 * The one server definition: the `table` room, the websocket transport, and the HTTP routes.
 * `startServer` binds HOST/PORT, then restores every unfinished game from the store; /healthz
 * answers 200 only after that. One listening server per process (Colyseus's matchmaker is
 * global); each server's rooms hold its own context (store, settings), never another's.
 */
import { defineRoom, defineServer, matchMaker, type Server } from "@colyseus/core";
import type { Server as HttpServer } from "node:http";
import { resolve } from "node:path";
import { ROOM_NAME } from "../shared/protocol/messages.ts";
import { closeContext, defaultSettings, newContext, type ServerContext, type Settings } from "./context.ts";
import { limitRequestBodies } from "./http/bodyLimit.ts";
import { health, mountRoutes } from "./http/routes.ts";
import { stopWhatIf } from "./http/whatIf.ts";
import { mountLookup } from "./rooms/lookup.ts";
import { installGate } from "./rooms/gate.ts";
import { stampPeers } from "./rooms/peer.ts";
import { tableRoomFor } from "./rooms/TableRoom.ts";
import { failover } from "./failover/index.ts";
import type { Ownership } from "./failover/Ownership.ts";
import { scaleOut } from "./scaleOut.ts";
import { SteadyWebSocketTransport } from "./transport.ts";

export interface AppOptions {
  dataDir: string;
  distDir?: string;
  settings?: Partial<Settings>;
  /** Colyseus's SIGINT/SIGTERM handling (off in in-process tests). */
  gracefullyShutdown?: boolean;
}

/** The server and the context its rooms are bound to. */
const contexts = new WeakMap<Server, ServerContext>();
/** The server and its fail-over lease keeping (shared store only). */
const leaseKeepers = new WeakMap<Server, Ownership>();

export function createServer(opts: AppOptions): Server {
  const ctx = newContext({ ...defaultSettings(opts.dataDir), ...opts.settings, dataDir: opts.dataDir });
  health.ready = false;
  health.restored = 0;
  health.damaged = [];
  health.warnings = [...ctx.store.warnings];
  const distDir = opts.distDir ?? resolve(import.meta.dirname, "..", "dist");
  // Frames up to 32 KB (an oversized message still gets an `error`), metered per socket
  // before they are decoded (server/transport.ts).
  const transport = new SteadyWebSocketTransport();
  const server = defineServer({
    // With REDIS_URL: RedisPresence + RedisDriver + this process's publicAddress (docs/DEPLOYMENT.md).
    ...scaleOut(),
    rooms: { [ROOM_NAME]: defineRoom(tableRoomFor(ctx)) },
    transport,
    greet: false,
    devMode: false,
    gracefullyShutdown: opts.gracefullyShutdown ?? true,
    express: (app) => (mountLookup(app as never, ctx), mountRoutes(app as never, distDir, ctx.store, ctx.settings)),
  });
  // After every room has been disposed (SIGTERM/SIGINT or a test's shutdown): close the
  // database cleanly. Every action was already committed when it was accepted.
  // Matchmaking requests pass the admission gate (budgets per client address) before Colyseus.
  const uninstall = installGate(ctx);
  server.onShutdown(async () => {
    uninstall();
    stopWhatIf(ctx.store);
    leaseKeepers.get(server)?.stop();
    await closeContext(ctx);
  });
  contexts.set(server, ctx);
  return server;
}

/** Recreates a room, with the same code, for every game the server's store holds as unfinished. */
export async function restoreGames(server: Server): Promise<number> {
  const ctx = contexts.get(server);
  if (!ctx) throw new Error("restoreGames: not a server made by createServer()");
  let n = 0;
  await ctx.store.ready();
  // Every unfinished game nobody holds a lease on: with a shared store, the games other live
  // processes host are theirs (a claim taken meanwhile refuses the restore: not damage).
  for (const code of await ctx.store.expired()) {
    try {
      await matchMaker.createRoom(ROOM_NAME, { restore: code, restoreSecret: ctx.restoreSecret });
      n++;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (reason.includes("restore/held")) continue;
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
  // Before any request is read (listen() has just installed Colyseus's own handler): every
  // request is stamped with its client address, then its body is capped.
  const ctx = contexts.get(server)!;
  stampPeers(server.transport.server as HttpServer, ctx.settings.trustProxy);
  limitRequestBodies(server.transport.server!);
  const address = server.transport.server?.address();
  const port = typeof address === "object" && address ? address.port : (opts.port ?? 2567);
  // @colyseus/testing's ColyseusTestServer reads the port from here (port 0 = any free one).
  (server as unknown as { port: number }).port = port;
  // With a shared store: leases kept, dead or frozen hosts' games taken over (server/failover).
  const leases = ctx.store.kind === "postgres" ? failover(ctx) : undefined;
  if (leases) leaseKeepers.set(server, leases);
  await restoreGames(server);
  leases?.start();
  return { server, port, host };
}
