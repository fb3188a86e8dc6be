/**
 * Raw matchmaking requests, as a script would send them: any body, any headers, and any local
 * loopback address as the source (127.0.0.2, 127.0.0.3 … are other "computers" to a server
 * listening on 127.0.0.1).
 */
import { request } from "node:http";

export interface Answer {
  status: number;
  body: any;
  /** `code: message` of a refusal, or "" when a seat was reserved. */
  error: string;
}

export function matchmake(
  http: string, method: string, room: string, body: unknown,
  opts: { from?: string; headers?: Record<string, string>; raw?: string } = {},
): Promise<Answer> {
  const url = new URL(`${http}/matchmake/${method}/${room}`);
  const data = opts.raw ?? JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname, method: "POST",
      localAddress: opts.from, agent: false,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data), ...opts.headers },
    }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => {
        let json: any = null;
        try { json = JSON.parse(text); } catch { json = text; }
        resolve({ status: res.statusCode ?? 0, body: json, error: json?.sessionId ? "" : String(json?.error ?? json?.message ?? text) });
      });
    });
    req.on("error", reject);
    req.end(data);
  });
}

/** A created game's code, from a reservation answer. */
export const roomOf = (a: Answer): string => a.body?.roomId ?? "";
