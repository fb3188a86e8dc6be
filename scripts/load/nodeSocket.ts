/**
 * Imported before `@colyseus/sdk`: hides Node's built-in (undici) WebSocket so the SDK takes
 * its own Node fallback, the `ws` package. Both speak the same protocol to the same server;
 * `ws` costs the generator about half the CPU per received frame, which leaves the shared
 * machine's second core to the server being measured (docs/PERFORMANCE.md).
 */
delete (globalThis as { WebSocket?: unknown }).WebSocket;
