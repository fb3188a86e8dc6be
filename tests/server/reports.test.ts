/** Reports: Bearer facilitator token required; JSON, CSV and printable HTML with text escaped. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { boot, Player, type Booted } from "./helpers.ts";

let b: Booted;
let code: string;
let token: string;
const EVIL = `<script>alert("x")</script>`;

beforeAll(async () => {
  b = await boot();
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { rounds: 1, roundSeconds: 0, seed: 42, bots: false, events: false } });
  const w = await f.message("welcome");
  code = w.code;
  token = w.facilitatorToken;
  const ru = await Player.join(b.url, code, { name: EVIL, role: "player", delegation: "RU" });
  const ua = await Player.join(b.url, code, { name: "Olena, \"the\" =cmd", role: "player", delegation: "UA" });
  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
  await ru.act("action", { type: "say", to: "table", text: EVIL }, (s) => s.table.some((e: any) => e.text === EVIL));
  await ua.act("action", { type: "say", to: ["RU"], text: "psst" });
  await ru.message("private");
  await f.act("facilitator", { type: "end" }, (s) => s.phase === "debrief");
});
afterAll(async () => { await b.stop(); });

const get = (path: string, auth?: string) => fetch(b.http + path, { headers: auth ? { Authorization: auth } : {} });

it("guards reports with the facilitator token", async () => {
  expect((await get(`/api/games/${code}/report`)).status).toBe(401);
  expect((await get(`/api/games/${code}/report`, `Basic ${token}`)).status).toBe(401);
  expect((await get(`/api/games/${code}/report`, `Bearer ${"x".repeat(24)}`)).status).toBe(403);
  // An unknown code and a wrong token get the same answer: the route cannot be used to find games.
  expect((await get(`/api/games/AAAAAA/report`, `Bearer ${token}`)).status).toBe(403);
  expect((await get(`/api/games/${code}/report?format=pdf`, `Bearer ${token}`)).status).toBe(400);
  const tz = await get(`/api/games/${code}/report?format=html&tz=Mars%2FOlympus`, `Bearer ${token}`);
  expect(tz.status).toBe(400);
  expect((await tz.json()).code).toBe("report/tz");
});

it("serves the full record as JSON", async () => {
  const r = await get(`/api/games/${code}/report?format=json`, `Bearer ${token}`);
  expect(r.status).toBe(200);
  const j = await r.json();
  expect(j).toMatchObject({ code, status: "finished", seed: 42, config: { rounds: 1, seed: 42 }, projected: false, phase: "debrief" });
  expect(j.outcome.id).toBeTruthy();
  expect(Object.keys(j.breakdown).sort()).toEqual(["BY", "EU", "RU", "UA", "US"]);
  const seqs = j.log.map((e: any) => e.seq);
  expect(seqs).toEqual(seqs.map((_: unknown, i: number) => i + 1));
  expect(j.log.some((e: any) => e.who === "facilitator" && e.action.type === "start")).toBe(true);
  const ru = j.participation.find((p: any) => p.delegation === "RU");
  expect(ru).toMatchObject({ name: EVIL, statements: 1, actions: 1 });
  expect(j.participation.find((p: any) => p.delegation === "UA").backChannel).toBe(1);
  expect(JSON.stringify(j)).not.toContain(token);
});

it("serves CSV per student and per action", async () => {
  const r = await get(`/api/games/${code}/report?format=csv`, `Bearer ${token}`);
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toMatch(/text\/csv/);
  const lines = (await r.text()).trim().split("\r\n");
  expect(lines[0]).toBe("code,member,name,role,delegation,actions,statements,back_channel,first_action,last_action,status,delegation_score,outcome");
  expect(lines).toHaveLength(4); // facilitator + two students
  expect(lines.some((l) => l.includes(`"Olena, ""the"" =cmd"`))).toBe(true);
  const a = await (await get(`/api/games/${code}/report?format=csv&rows=actions`, `Bearer ${token}`)).text();
  expect(a.split("\r\n")[0]).toBe("code,seq,time,who,member,name,kind,type,action_json");
  expect(a).toContain(",say,");
});

it("serves printable HTML with all user text escaped", async () => {
  const r = await get(`/api/games/${code}/report?format=html`, `Bearer ${token}`);
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toMatch(/text\/html/);
  const html = await r.text();
  expect(html).toContain("<!doctype html>");
  expect(html).not.toContain("<script>");
  expect(html).toContain("&lt;script&gt;");
  // Times in the zone the teacher's browser passed.
  const berlin = await (await get(`/api/games/${code}/report?format=html&tz=Europe%2FBerlin`, `Bearer ${token}`)).text();
  expect(berlin).toContain("times in Europe/Berlin");
  expect(html).toContain("times in UTC");
});

it("answers /healthz", async () => {
  const r = await get("/healthz");
  expect(r.status).toBe(200);
  expect((await r.json()).ok).toBe(true);
});

it("serves the client at / and answers unknown API paths with 404", async () => {
  const root = await get("/");
  expect([200, 503]).toContain(root.status); // 503 only when the client has not been built
  expect(root.headers.get("content-type")).toMatch(/text\/(html|plain)/);
  expect((await get("/api/nothing")).status).toBe(404);
  // Sent raw (fetch would normalise the dots away): an encoded path out of dist/.
  const { request } = await import("node:http");
  const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const u = new URL(b.http);
    request({ host: u.hostname, port: u.port, path: "/..%2f..%2f..%2fetc%2fpasswd" }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject).end();
  });
  expect(raw.status).toBe(404);
  expect(raw.body).not.toContain("root:");
});
