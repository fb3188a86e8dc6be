/**
 * The comparison point for the load test: a plain Colyseus room with the same room name, join
 * options, messages and table shape as the real one, but none of the game — and, the point of
 * the comparison, no `broadcastPatch()`: changes wait for the default 50 ms patch tick.
 *
 * `node scripts/load/baselineServer.ts` (HOST, PORT as for the real server). Used by
 * `npm run loadtest -- --baseline`; never part of the product.
 */
import { defineRoom, defineServer, Room, type Client } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { randomInt } from "node:crypto";

const TableEntry = schema({ kind: t.string(), from: t.string(), text: t.string(), round: t.number() }, "TableEntry");
const Delegation = schema({ ready: t.boolean() }, "Delegation");
const BaselineState = schema({
  phase: t.string(),
  round: t.number(),
  delegations: t.map(Delegation),
  table: t.array(TableEntry),
}, "TableState");
type BaselineState = SchemaType<typeof BaselineState>;

const CODES = ["RU", "UA", "US", "EU", "BY"];
const ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
const KEEP = 200;

interface Who {
  role: string;
  delegation: string;
}

class BaselineRoom extends Room<{ state: BaselineState }> {
  state = new BaselineState();

  onCreate(): void {
    let code = "";
    for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
    this.roomId = code;
    this.autoDispose = false;
    this.maxClients = 80;
    this.state.phase = "lobby";
    for (const c of CODES) this.state.delegations.set(c, new Delegation());

    this.onMessage("action", (client, p: { type?: string; to?: unknown; text?: unknown; ready?: unknown }) => {
      const who = client.userData as Who;
      if (!who?.delegation) return;
      if (p?.type === "say" && typeof p.text === "string") {
        if (p.to === "table") {
          const e = new TableEntry();
          e.kind = "say";
          e.from = who.delegation;
          e.text = p.text;
          e.round = this.state.round;
          this.state.table.push(e);
          if (this.state.table.length > KEEP) this.state.table.splice(0, this.state.table.length - KEEP);
        } else if (Array.isArray(p.to)) {
          for (const c of this.clients) {
            const u = c.userData as Who;
            if (u.delegation === who.delegation || p.to.includes(u.delegation)) c.send("private", { from: who.delegation, to: p.to, text: p.text });
          }
        }
      } else if (p?.type === "ready") {
        this.state.delegations.get(who.delegation)!.ready = p.ready === true;
      }
      // Deliberately no this.broadcastPatch(): the default 50 ms tick sends the change.
    });
    this.onMessage("facilitator", (client, p: { type?: string }) => {
      if ((client.userData as Who).role !== "facilitator") return;
      if (p?.type === "start" && this.state.phase === "lobby") this.state.phase = "briefing";
      else if (p?.type === "advance" && this.state.phase === "briefing") {
        this.state.phase = "round";
        this.state.round = 1;
      }
    });
    this.onMessage("*", () => {});
  }

  onJoin(client: Client, options: { role?: string; delegation?: string }): void {
    client.userData = { role: String(options?.role ?? "player"), delegation: String(options?.delegation ?? "") } satisfies Who;
    client.send("welcome", { code: this.roomId, role: options?.role });
  }
}

const server = defineServer({
  rooms: { table: defineRoom(BaselineRoom) },
  transport: new WebSocketTransport({ maxPayload: 64 * 1024 }),
  greet: false,
  express: (app) => {
    (app as unknown as { get(p: string, h: (q: unknown, r: { status(n: number): { json(v: unknown): void } }) => void): void })
      .get("/healthz", (_q, r) => r.status(200).json({ ok: true }));
  },
});
const port = Number(process.env.PORT || 2568);
await server.listen(port, process.env.HOST || "127.0.0.1");
console.log(`baseline room listening on ${process.env.HOST || "127.0.0.1"}:${port}`);
