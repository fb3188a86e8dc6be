import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { binaryFrame, SteadyWebSocketTransport } from "../../server/transport.ts";

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

describe("binary frames built once (server/transport.ts)", () => {
  it("frames any length as RFC 6455 does (7-bit, 16-bit and 64-bit lengths)", () => {
    for (const n of [0, 1, 125, 126, 65535, 65536]) {
      const f = binaryFrame(new Uint8Array(n).fill(7));
      const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
      expect(f[0]).toBe(0x82);
      expect(f.length).toBe(head + n);
      const len = n < 126 ? f[1] : n < 65536 ? f.readUInt16BE(2) : Number(f.readBigUInt64BE(2));
      expect(len).toBe(n);
      expect(f.subarray(head).every((b) => b === 7)).toBe(true);
    }
  });

  it("sends what the bytes were when sent, even to a reader whose socket is backed up", async () => {
    server = createServer();
    const transport = new SteadyWebSocketTransport({ pingInterval: 0 });
    transport.attachToServer(server);
    const serverSide = new Promise<WebSocket>((r) => (transport as unknown as { wss: { on(e: string, f: (ws: WebSocket) => void): void } }).wss.on("connection", r));
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const got: Buffer[] = [];
    client.on("message", (d) => got.push(d as Buffer));
    await new Promise((r) => client.once("open", r));
    const ws = await serverSide;
    // The reader stops reading: the server's writes pile up in its socket.
    (client as unknown as { _socket: { pause(): void } })._socket.pause();
    const filler = new Uint8Array(64 * 1024);
    let sent = 0;
    while ((ws as unknown as { _socket: { writableLength: number } })._socket.writableLength === 0 && sent < 2000) {
      ws.send(filler, { binary: true });
      sent++;
    }
    expect((ws as unknown as { _socket: { writableLength: number } })._socket.writableLength).toBeGreaterThan(0);
    // A room's encoder reuses its buffer: the next patch overwrites the bytes of this one.
    const buffer = new Uint8Array([1, 2, 3, 4]);
    ws.send(buffer, { binary: true });
    buffer.set([9, 9, 9, 9]);
    (client as unknown as { _socket: { resume(): void } })._socket.resume();
    const end = Date.now() + 10_000;
    while (got.length < sent + 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(got.length).toBe(sent + 1);
    expect([...got[sent]]).toEqual([1, 2, 3, 4]);
    client.terminate();
    transport.shutdown();
  }, 20_000);
});
