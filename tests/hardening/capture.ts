/**
 * Raw-frame capture for the hardening suites. Import this module before anything that imports
 * @colyseus/sdk: the SDK picks `globalThis.WebSocket` once, when it is first evaluated, so the
 * subclass installed here sees every byte every SDK client receives — the handshake, the full
 * state, every patch and every message — before any decoding.
 *
 * Guarantee: `framesOf(sessionId)` returns the frames of every socket (first join and SDK
 * reconnections) that carried that session, in arrival order.
 */
const Base = globalThis.WebSocket;
if (!Base) throw new Error("tests/hardening needs Node 24's global WebSocket (run through npm/npx, not system node)");

export class CapturingSocket extends Base {
  static readonly all: CapturingSocket[] = [];
  readonly frames: Uint8Array[] = [];
  /** Frames this socket sent (for diagnostics). */
  readonly sent: Uint8Array[] = [];
  readonly opened: string;

  override send(data: Parameters<WebSocket["send"]>[0]): void {
    if (ArrayBuffer.isView(data)) this.sent.push(new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer));
    super.send(data);
  }

  constructor(url: string | URL, init?: unknown) {
    super(url, init as never);
    this.opened = String(url);
    CapturingSocket.all.push(this);
    this.addEventListener("message", (e: MessageEvent) => {
      const d = e.data as unknown;
      if (d instanceof ArrayBuffer) this.frames.push(new Uint8Array(d.slice(0)));
      else if (ArrayBuffer.isView(d)) this.frames.push(new Uint8Array(d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength)));
      else if (typeof d === "string") this.frames.push(new TextEncoder().encode(d));
      else this.frames.push(new TextEncoder().encode(String(d)));
    });
  }
}

(globalThis as { WebSocket: unknown }).WebSocket = CapturingSocket;

/** Every frame received on sockets of this Colyseus session. */
export function framesOf(sessionId: string): Uint8Array[] {
  return CapturingSocket.all.filter((s) => s.opened.includes(`sessionId=${sessionId}`)).flatMap((s) => s.frames);
}

/** Drops references to closed sockets' frames (long suites). */
export function forgetSockets(): void {
  CapturingSocket.all.length = 0;
}

const enc = new TextEncoder();

/** Whether `needle` (UTF-8) occurs in any frame (each frame is one whole message or patch). */
export function framesContain(frames: Uint8Array[], needle: string): boolean {
  const n = enc.encode(needle);
  if (n.length === 0) return false;
  for (const f of frames) if (indexOf(f, n) >= 0) return true;
  return false;
}

function indexOf(hay: Uint8Array, n: Uint8Array): number {
  const first = n[0];
  const last = hay.length - n.length;
  outer: for (let i = hay.indexOf(first); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < n.length; j++) if (hay[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
}
