import { describe, expect, it } from "vitest";
import type { Client } from "@colyseus/core";
import { oneWritePerClient } from "../../server/rooms/oneWrite.ts";

/** A client whose socket records what happens to it, as ws-transport's `client.ref._socket`. */
function fakeClient(log: string[], name: string, socket = true): Client {
  const s = { corked: 0, cork() { this.corked++; log.push(`${name} cork`); }, uncork() { this.corked--; log.push(`${name} uncork`); } };
  return { ref: socket ? { _socket: s } : {} } as unknown as Client;
}

describe("oneWritePerClient", () => {
  it("corks every client's socket before the sends and uncorks each once after", () => {
    const log: string[] = [];
    oneWritePerClient([fakeClient(log, "a"), fakeClient(log, "b")], () => log.push("send"));
    expect(log).toEqual(["a cork", "b cork", "send", "a uncork", "b uncork"]);
  });

  it("uncorks even when a send throws, and skips clients without a socket", () => {
    const log: string[] = [];
    expect(() => oneWritePerClient([fakeClient(log, "a"), fakeClient(log, "x", false)], () => { throw new Error("boom"); })).toThrow("boom");
    expect(log).toEqual(["a cork", "a uncork"]);
  });
});
