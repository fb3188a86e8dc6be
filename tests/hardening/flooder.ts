/**
 * A flooding student, run in a process of its own (its CPU is not the server's or the victim's):
 * `node tests/hardening/flooder.ts <ws url> <code> <playerToken>`, driven by lines on stdin:
 * `on <frameBytes>` starts a flood of `action` frames of that size, sent as fast as the socket
 * takes them (a megabyte in flight at most), coming straight back with the token each time the
 * server closes the socket (at most 200 connections in all); `off` stops it (answered `off`
 * once quiet); `end` prints one JSON line per flood and exits. Answers `on` once flooding.
 */
import { createInterface } from "node:readline";
import { Client, type Room } from "@colyseus/sdk";

const [url, code, token] = process.argv.slice(2) as [string, string, string];

interface Flood { frameBytes: number; sent: number; bytes: number; errors: Record<string, number>; closes: Record<string, number>; joins: number }
const floods: Flood[] = [];
let current: Flood | null = null;
let joins = 0;

/** The bytes of one `action` frame of about `n` bytes, as the SDK encodes it. */
function frameOf(room: Room, n: number): Uint8Array<ArrayBuffer> {
  let captured: Uint8Array<ArrayBuffer> | undefined;
  const conn = room.connection as unknown as { send(d: Uint8Array): void };
  const send = conn.send;
  conn.send = (d) => { captured = new Uint8Array(d); };
  room.send("action", { type: "say", to: "table", text: "f".repeat(Math.max(1, n - 40)) });
  conn.send = send;
  return captured!;
}

async function run(f: Flood): Promise<void> {
  let told = false;
  while (current === f && joins < 200) {
    let room: Room;
    try {
      room = await new Client(url).joinById(code, { name: "Flooder", role: "player", playerToken: token });
    } catch {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    joins++;
    f.joins++;
    room.reconnection.enabled = false;
    let closed = false;
    room.onMessage("error", (e: { code?: string }) => { f.errors[e?.code ?? "?"] = (f.errors[e?.code ?? "?"] ?? 0) + 1; });
    room.onMessage("*", () => undefined);
    room.onLeave((c: number) => { closed = true; f.closes[c] = (f.closes[c] ?? 0) + 1; });
    const frame = frameOf(room, f.frameBytes);
    f.frameBytes = frame.byteLength;
    const ws = (room.connection as unknown as { transport: { ws: WebSocket } }).transport.ws;
    if (!told) console.log("on");
    told = true;
    while (!closed && current === f) {
      while (ws.readyState === ws.OPEN && ws.bufferedAmount < 1 << 20) {
        ws.send(frame);
        f.sent++;
        f.bytes += frame.byteLength;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    if (!closed) await room.leave(true).catch(() => undefined);
  }
  console.log("off");
}

for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, arg] = line.trim().split(" ");
  if (cmd === "on") {
    current = { frameBytes: Number(arg), sent: 0, bytes: 0, errors: {}, closes: {}, joins: 0 };
    floods.push(current);
    void run(current);
  } else if (cmd === "off") current = null;
  else if (cmd === "end") break;
}
console.log(JSON.stringify(floods));
process.exit(0);
