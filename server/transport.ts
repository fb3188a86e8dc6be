/**
 * Colyseus's websocket transport with two changes.
 *
 * Frames are metered per socket before anything decodes them. Colyseus decodes every frame
 * (msgpack) before a room's own rate limit can look at it, so one socket sending a thousand
 * 30 KB frames a second used to cost every class on the process its latency. Here each socket
 * has a budget of frames and bytes a second (FRAMES, looser than the room's 20 messages a
 * second, which answers an ordinary excess with `rate_limited`): a frame over it is dropped
 * undecoded, and a socket that keeps sending over it is closed (1008) and no longer read.
 * Frames over FRAMES.maxBytes close the socket (1009) before their payload is read.
 *
 * The heartbeat is spread over the ping interval. The stock heartbeat pings every client in
 * the same instant, every 3 s: with 3,000 students that is 3,000 frames out and 3,000 pongs back
 * in one burst, which held every line sent meanwhile and doubled the p99 at 100 classrooms
 * (docs/PERFORMANCE.md). Here a client is pinged in its own slice of the interval. The
 * guarantee is the stock one: each client is heard from once per interval and dropped after
 * `pingMaxRetries` pings in a row go unanswered. A client that sent a frame during the interval
 * has been heard from and is not pinged (its message is as good a sign of life as a pong): at
 * 100 classrooms speaking every 2 s that spares nearly every ping and pong.
 *
 * A binary message leaves as one websocket frame built once for all its readers. `ws` builds a
 * header per client and writes header and payload separately, the payload being a view on the
 * room's encoder buffer, which the room's next patch overwrites: at 10,000 clients the stream
 * bookkeeping of those two writes was a fifth of the server's time, and a write the kernel could
 * not take at once (a slow reader's full socket buffer) would have gone out with the next
 * patch's bytes. Here the frame (header and a copy of the payload) is built once per message and
 * the same buffer is written to each socket: one write per client, bytes that never change.
 */
import { WebSocketTransport, type TransportOptions } from "@colyseus/ws-transport";
import type { WebSocket } from "ws";

/** What a socket may send (docs/PROTOCOL.md §9, docs/SECURITY.md). */
export const FRAMES = {
  /**
   * The largest frame: the 16 KB message limit with room to spare (text is UTF-8 on the wire,
   * so 16 KB of JSON may take more bytes), so an oversized message is still answered with
   * `payload/too_large` rather than a closed socket. Half of the 64 KB it was.
   */
  maxBytes: 32 * 1024,
  /**
   * Frames and bytes decoded per second, and the burst: twice the room's message budget (20 a
   * second, burst 40), and the room's budget at the 16 KB message limit (an ordinary `say` is
   * at most 1.5 KB).
   */
  perSecond: 40,
  burst: 80,
  bytesPerSecond: 320 * 1024,
  byteBurst: 640 * 1024,
  /**
   * What a socket may send over that budget, dropped undecoded, before it is closed; it drains
   * at the same pace. A burst of a few hundred messages, or a client sending twice its budget,
   * is only throttled (and told `rate_limited` by the room); a socket that keeps flooding is
   * closed once its excess passes 400 frames or 512 KB — at 1,000 frames a second, within half
   * a second.
   */
  excess: 400,
  excessBytes: 512 * 1024,
} as const;

/** Close code for a socket that keeps flooding (policy violation). */
export const FLOOD_CLOSE = 1008;

/** How often a slice of the clients is pinged. */
const SLICE_MS = 100;

/** Opcode of a final binary frame (RFC 6455 §5.2). */
const FIN_BINARY = 0x82;

/** The frame a server sends (unmasked) for `data`: header and payload in one new buffer. */
export function binaryFrame(data: Uint8Array): Buffer {
  const n = data.byteLength;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = FIN_BINARY;
  if (n < 126) frame[1] = n;
  else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(0, 2);
    frame.writeUInt32BE(n, 6);
  }
  frame.set(data, head);
  return frame;
}

/**
 * The last message framed, kept until the end of the current task: a broadcast sends the same
 * bytes to every reader in one synchronous loop, so they are framed once. Keyed by the bytes'
 * identity; cleared before anything else can run (and re-encode into the same memory).
 */
let lastData: Uint8Array | undefined;
let lastFrame: Buffer | undefined;
const forget = () => { lastData = undefined; lastFrame = undefined; };
export function sharedFrame(data: Uint8Array): Buffer {
  if (data !== lastData || !lastFrame) {
    if (lastData === undefined) queueMicrotask(forget);
    lastData = data;
    lastFrame = binaryFrame(data);
  }
  return lastFrame;
}

/** The parts of `ws`'s socket (8.x) the direct path reads: its sender must be idle. */
interface WsInternals {
  readyState: number;
  _socket: { write(chunk: Buffer, cb?: (err?: Error | null) => void): boolean };
  _extensions: Record<string, unknown>;
  _sender: { _state: number; _queue: unknown[] };
}
const OPEN = 1;

/** What the heartbeat needs of a `ws` socket (ws-transport counts pings on it, a pong resets). */
interface HeartbeatSocket {
  pingCount: number;
  /** A frame arrived since the heartbeat last looked. */
  heard?: boolean;
  pingSlot?: number;
  ping(cb: () => void): void;
  terminate(): void;
}

const noop = () => undefined;

/** A token bucket over frames and bytes at once. */
class Budget {
  #frames: number;
  #bytes: number;
  #last = performance.now();
  readonly #limits: readonly [perSecond: number, burst: number, bytesPerSecond: number, byteBurst: number];

  constructor(...limits: [perSecond: number, burst: number, bytesPerSecond: number, byteBurst: number]) {
    this.#limits = limits;
    this.#frames = limits[1];
    this.#bytes = limits[3];
  }

  /** Takes one frame of `bytes`; false (nothing taken) when either is short. */
  take(bytes: number, now: number): boolean {
    const [perSecond, burst, bytesPerSecond, byteBurst] = this.#limits;
    const dt = (now - this.#last) / 1000;
    this.#last = now;
    this.#frames = Math.min(burst, this.#frames + dt * perSecond);
    this.#bytes = Math.min(byteBurst, this.#bytes + dt * bytesPerSecond);
    if (this.#frames < 1 || this.#bytes < bytes) return false;
    this.#frames -= 1;
    this.#bytes -= bytes;
    return true;
  }
}

type SocketClass = new (...args: never[]) => WebSocket;

const sizeOf = (data: unknown): number =>
  Array.isArray(data) ? data.reduce((n: number, d: { byteLength?: number }) => n + (d.byteLength ?? 0), 0) : ((data as { byteLength?: number })?.byteLength ?? 0);

/**
 * The ws socket class the server builds for each connection, with its incoming `message`
 * events metered: the room's listener (which decodes) never hears a frame over the budget.
 */
function metered(Base: SocketClass): SocketClass {
  return class MeteredSocket extends (Base as unknown as new (...args: never[]) => WebSocket) {
    #budget = new Budget(FRAMES.perSecond, FRAMES.burst, FRAMES.bytesPerSecond, FRAMES.byteBurst);
    #excess = new Budget(FRAMES.perSecond, FRAMES.excess, FRAMES.bytesPerSecond, FRAMES.excessBytes);
    #closing = false;

    /**
     * Binary messages (everything a room sends) go straight to the socket as one shared frame
     * when `ws` has nothing of its own in flight (no compression, no queued send); anything else
     * takes `ws`'s own path.
     */
    override send(data: unknown, options?: unknown, cb?: (err?: Error) => void): void {
      const ws = this as unknown as WsInternals;
      const o = options as { binary?: boolean; fin?: boolean; compress?: boolean } | undefined;
      if (
        data instanceof Uint8Array && typeof options === "object" && o?.binary === true && o.fin !== false &&
        ws.readyState === OPEN && ws._sender._state === 0 && ws._sender._queue.length === 0 &&
        Object.keys(ws._extensions).length === 0
      ) {
        ws._socket.write(sharedFrame(data), cb && ((err) => cb(err ?? undefined)));
        return;
      }
      (super.send as (d: unknown, o?: unknown, c?: unknown) => void)(data, options, cb);
    }

    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event !== "message") return super.emit(event, ...args);
      if (this.#closing) return false;
      (this as unknown as HeartbeatSocket).heard = true;
      const bytes = sizeOf(args[0]);
      const now = performance.now();
      if (this.#budget.take(bytes, now)) return super.emit(event, ...args);
      if (!this.#excess.take(bytes, now)) this.#shut();
      return false;
    }

    /**
     * Says why, stops reading (what the flooder still has in flight is never read) and lets go
     * of the connection a moment later, once the close frame is out.
     */
    #shut(): void {
      this.#closing = true;
      this.close(FLOOD_CLOSE, "Too many messages");
      this.pause();
      setTimeout(() => this.terminate(), 250).unref();
    }
  } as unknown as SocketClass;
}

export class SteadyWebSocketTransport extends WebSocketTransport {
  constructor(options: TransportOptions = {}) {
    super({ maxPayload: FRAMES.maxBytes, ...options });
    const wss = this.wss as unknown as { options: { WebSocket: SocketClass } };
    wss.options.WebSocket = metered(wss.options.WebSocket);
  }

  protected override autoTerminateUnresponsiveClients(pingInterval: number, pingMaxRetries: number): void {
    const slices = Math.max(1, Math.round(pingInterval / SLICE_MS));
    let tick = 0;
    let next = 0;
    this.pingInterval = setInterval(() => {
      const slot = tick++ % slices;
      for (const raw of this.wss.clients) {
        const client = raw as unknown as HeartbeatSocket;
        client.pingSlot ??= next++ % slices;
        if (client.pingSlot !== slot) continue;
        if (client.heard) {
          client.heard = false;
          client.pingCount = 0;
          continue;
        }
        if (client.pingCount >= pingMaxRetries) {
          client.terminate();
          continue;
        }
        client.pingCount++;
        client.ping(noop);
      }
    }, pingInterval / slices);
  }
}
