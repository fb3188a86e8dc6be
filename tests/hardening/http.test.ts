/**
 * The HTTP side under attack, against a real server process:
 * huge request bodies, report-route enumeration, a report of a very long game while another
 * client watches /healthz, spreadsheet formulas split by `;`, and what errors and refusals show.
 */
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cell, studentsCsv } from "../../server/http/csv.ts";
import type { Report } from "../../server/http/report.ts";
import { advanceUntil, facilitated, seat, ServerProcess } from "./harness.ts";

/** Resident memory of a process in MB, from /proc. */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * POSTs up to `mb` MB (1 MB chunks, bounded loop) and resolves with the status, or with
 * "closed" when the server cut the connection first.
 */
function bigPost(base: string, path: string, mb: number, chunked: boolean): Promise<number | "closed"> {
  return new Promise((resolve) => {
    const u = new URL(path, base);
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (!chunked) headers["Content-Length"] = String(mb * 1024 * 1024);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers });
    let done = false;
    const finish = (v: number | "closed") => {
      if (!done) (done = true), resolve(v);
    };
    req.on("response", (res) => {
      res.resume();
      finish(res.statusCode ?? 0);
    });
    req.on("error", () => finish("closed"));
    req.on("close", () => finish("closed"));
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (!done && sent < mb) {
        sent++;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

let srv: ServerProcess;
beforeAll(async () => {
  // No NODE_ENV: what `npm start` runs when nobody sets it.
  srv = await ServerProcess.start({ env: { NODE_ENV: "" } });
}, 60_000);
afterAll(async () => {
  await srv?.dispose();
});

describe("request bodies", () => {
  it("a 100 MB body to /matchmake or /api is refused without the server holding it in memory", async () => {
    const pid = srv.proc!.pid!;
    const before = rssMb(pid);
    const results = [];
    for (const [path, chunked] of [["/matchmake/create/table", false], ["/matchmake/create/table", true], ["/matchmake/joinById/AAAAAA", true], ["/api/games/AAAAAA/report", false]] as const) {
      results.push(await bigPost(srv.http, path, 100, chunked));
    }
    const after = rssMb(pid);
    console.log(`[bodies] RSS ${before.toFixed(0)} MB before, ${after.toFixed(0)} MB after four 100 MB bodies; answers ${results.join(", ")}`);
    for (const r of results) expect([413, "closed"]).toContain(r);
    expect(after - before).toBeLessThan(40);
    // Still serving, and an ordinary create (a few hundred bytes) still works.
    expect(await srv.healthy()).toBe(true);
    const { f, code } = await facilitated(srv);
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await f.leave();
  });

  it("a body just over the matchmaking cap gets a plain 413; one under it is served", async () => {
    const over = await fetch(`${srv.http}/matchmake/create/table`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "x".repeat(5000), role: "facilitator" }) });
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ code: "http/too_large" });
    const ok = await fetch(`${srv.http}/matchmake/joinById/ZZZZZZ`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "x", role: "spectator" }) });
    expect(ok.status).not.toBe(413);
  });
});

describe("the report route", () => {
  it("answers an unknown code and a wrong token identically, and budgets failed lookups per client", async () => {
    const { f, code, token } = await facilitated(srv);
    const unknown = await srv.report(code === "AAAAAA" ? "AAAAAB" : "AAAAAA", token);
    const wrong = await srv.report(code, "B".repeat(24));
    expect(unknown.status).toBe(403);
    expect(wrong.status).toBe(unknown.status);
    expect(await wrong.text()).toBe(await unknown.text());
    // Guessing: each failure spends this client's budget; once spent, refused before any lookup.
    const t0 = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await srv.report(`Z${String(i).padStart(5, "0").replace(/\d/g, (d) => "ABCDEFGHJK"[Number(d)])}`, token)).status);
    const seconds = (Date.now() - t0) / 1000;
    const checked = statuses.filter((s) => s === 403).length;
    console.log(`[report guesses] ${statuses.length} in ${seconds.toFixed(2)} s: ${checked} looked up, ${statuses.filter((s) => s === 429).length} refused with 429`);
    expect(statuses.filter((s) => s !== 403 && s !== 429)).toEqual([]);
    expect(checked).toBeLessThanOrEqual(18 + Math.ceil(seconds) + 1); // 20 burst, minus the two above, + 1/s
    expect(statuses.at(-1)).toBe(429);
    await f.leave();
  });

  it("a report of a 20,000-line game is built off the event loop: /healthz keeps answering meanwhile", async () => {
    const { f, code, token } = await facilitated(srv, { bots: false });
    const { p: ru } = await seat(srv, code, "RU");
    const { p: ua } = await seat(srv, code, "UA");
    await advanceUntil(f, (s) => s.phase === "round");
    await Promise.all([f.leave(), ru.leave(), ua.leave()]);
    await srv.stop("SIGKILL");
    // 20,000 public statements written straight into the record, as twenty students would.
    const db = new DatabaseSync(join(srv.dataDir, "games.sqlite"));
    const m = db.prepare("SELECT id FROM members WHERE code = ? AND delegation = 'RU'").get(code) as { id: string };
    const last = Number((db.prepare("SELECT MAX(seq) AS s, MAX(time) AS t FROM actions WHERE code = ?").get(code) as { s: number }).s);
    const t = Number((db.prepare("SELECT MAX(time) AS t FROM actions WHERE code = ?").get(code) as { t: number }).t);
    const ins = db.prepare("INSERT INTO actions (code, seq, time, who, student, kind, action) VALUES (?, ?, ?, 'RU', ?, 'engine', ?)");
    db.exec("BEGIN");
    for (let i = 1; i <= 20_000; i++) ins.run(code, last + i, t + i, m.id, JSON.stringify({ type: "say", to: "table", text: `Statement number ${i} from Moscow.` }));
    db.exec("COMMIT");
    db.close();
    await srv.launch();

    const slowest = async (during: Promise<unknown>): Promise<number> => {
      let done = false;
      void during.finally(() => (done = true));
      let worst = 0;
      for (let i = 0; i < 2000 && !done; i++) {
        const s = performance.now();
        await fetch(`${srv.http}/healthz`);
        worst = Math.max(worst, performance.now() - s);
        await new Promise((r) => setTimeout(r, 10));
      }
      return worst;
    };
    const t1 = performance.now();
    const first = srv.report(code, token).then(async (r) => ({ status: r.status, body: (await r.json()) as { log: unknown[] } }));
    const worst = await slowest(first);
    const firstMs = performance.now() - t1;
    const r1 = await first;
    expect(r1.status).toBe(200);
    expect(r1.body.log.length).toBeGreaterThan(20_000);
    const t2 = performance.now();
    const again = await srv.report(code, token);
    expect(again.status).toBe(200);
    await again.arrayBuffer();
    const againMs = performance.now() - t2;
    console.log(`[long report] first ${firstMs.toFixed(0)} ms (slowest /healthz meanwhile ${worst.toFixed(0)} ms), unchanged again ${againMs.toFixed(0)} ms`);
    expect(worst).toBeLessThan(500);
  }, 120_000);
});

describe("CSV", () => {
  it("a field with a separator and formulas after it is one quoted cell; numbers stay numbers", () => {
    const attack = `x;=1+1;=cmd|' /C calc'!A0`;
    expect(cell(attack)).toBe(`"${attack}"`);
    expect(cell("a\t=1")).toBe(`"a\t=1"`);
    expect(cell("a,@SUM(A1)")).toBe(`"a,@SUM(A1)"`);
    expect(cell("=1+1")).toBe(`'=1+1`);
    expect(cell("-3")).toBe(`'-3`); // text that looks like a number is text
    expect(cell(-3)).toBe("-3");
    expect(cell(0)).toBe("0");
    const report = {
      code: "ABCDEF", outcome: { id: "talks-collapse" }, scores: { RU: -3, UA: 2, US: 0, EU: 1, BY: -1 },
      participation: [{ member: "m1", name: attack, role: "player", delegation: "RU", actions: 1, statements: 1, backChannel: 0, firstAction: null, lastAction: null }],
    } as unknown as Report;
    const csv = studentsCsv(report);
    // Split the way a `;`-locale spreadsheet would (quotes honoured): no cell starts a formula.
    for (const sep of [",", ";", "\t"]) {
      for (const c of splitCsv(csv, sep)) if (!/^-?\d+$/.test(c)) expect(c, `cell ${JSON.stringify(c)} split on ${JSON.stringify(sep)}`).not.toMatch(/^[=+\-@]/);
    }
    expect(csv.split("\r\n")[1]!.split(",").at(-2)).toBe("-3");
  });

  it("the served CSV quotes a hostile name whole", async () => {
    const { f, code, token } = await facilitated(srv);
    const name = `x;=1+1;=cmd|' /C calc'!A0`;
    const { p } = await seat(srv, code, "BY", name);
    const r = await fetch(`${srv.http}/api/games/${code}/report?format=csv`, { headers: { Authorization: `Bearer ${token}` } });
    const text = await r.text();
    expect(text).toContain(`"${name.replace(/"/g, '""')}"`);
    for (const c of splitCsv(text, ";")) if (!/^-?\d+$/.test(c)) expect(c).not.toMatch(/^[=+\-@]/);
    await Promise.all([f.leave(), p.leave()]);
  });
});

describe("errors and logs", () => {
  it("error bodies are plain (no stack, no path) without NODE_ENV, and nothing says X-Powered-By", async () => {
    for (const path of ["/api/games/%E0%A4%A/report", "/api/games/%/report", "/%E0%A4%A", "/api/nothing", "/healthz", "/", "/assets/%E0%A4%A.js"]) {
      const r = await fetch(`${srv.http}${path}`, { headers: { Authorization: "Bearer x" } });
      const body = await r.text();
      expect(r.headers.get("x-powered-by"), path).toBeNull();
      expect(body, path).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/work\/|\/tmp\/|URIError|Error:/);
      // A short plain body, except "/" once the client is built (after `npm start` in this
      // folder): then it is the app page, not an error.
      if (!(path === "/" && r.status === 200)) expect(body.length, path).toBeLessThan(400);
    }
    const bad = await fetch(`${srv.http}/api/games/%E0%A4%A/report`, { headers: { Authorization: "Bearer x" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: "http/bad_request", message: "Bad request." });
  });

  it("refused joins log one short line each, and a flood of them is budgeted", async () => {
    const { f, code } = await facilitated(srv);
    const from = srv.output.length;
    const t0 = Date.now();
    for (let round = 0; round < 10; round++) {
      await Promise.all(Array.from({ length: 20 }, () => new Client(srv.url).joinById(code, { name: "x", role: "player", playerToken: "A".repeat(24) }).catch(() => undefined)));
    }
    const seconds = (Date.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 200));
    const lines = srv.output.slice(from).split("\n").filter(Boolean);
    console.log(`[refusals] 200 refused joins in ${seconds.toFixed(1)} s → ${lines.length} log lines, ${srv.output.length - from} bytes`);
    expect(lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(240 + 40);
    expect(lines.length).toBeLessThanOrEqual(10 + Math.ceil(seconds * 2) + 2);
    expect(lines.some((l) => l.includes("join/bad_token"))).toBe(true);
    await f.leave();
  });
});

/** Splits CSV text on `sep`, honouring double quotes (as spreadsheets do). */
function splitCsv(text: string, sep: string): string[] {
  const cells: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep || ch === "\n") cells.push(cur), (cur = "");
    else if (ch !== "\r") cur += ch;
  }
  if (cur) cells.push(cur);
  return cells;
}
