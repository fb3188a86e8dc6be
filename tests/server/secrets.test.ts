/**
 * Secrets stay secret: back-channel text and secret aims never reach a client that may not
 * read them — neither in its decoded state nor in any message it received.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { boot, Player, sleep, waitUntil, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot(); });
afterAll(async () => { await b.stop(); });

const seen = (p: Player): string => JSON.stringify(p.inbox) + JSON.stringify(p.json());

it("routes back-channel messages and briefings only to those who may read them", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 0, bots: false, events: false } });
  const code = (await f.message("welcome")).code;
  const by = await Player.join(b.url, code, { name: "Bela", role: "player", delegation: "BY" });
  const by2 = await Player.join(b.url, code, { name: "Rus", role: "player", delegation: "BY" });
  const ru = await Player.join(b.url, code, { name: "Ivan", role: "player", delegation: "RU" });
  const ua = await Player.join(b.url, code, { name: "Olena", role: "player", delegation: "UA" });
  const us = await Player.join(b.url, code, { name: "Sam", role: "player", delegation: "US" });
  const spec = await Player.join(b.url, code, { name: "Projector", role: "spectator" });
  expect((await spec.message("welcome")).role).toBe("spectator");

  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
  await waitUntil(() => f.of("briefing").length >= 5, "briefings");

  const secret = "meet me behind the Minsk station at nine";
  await by.act("action", { type: "say", to: ["RU"], text: secret });
  const got = await ru.message("private", (m) => m.text === secret);
  expect(got).toMatchObject({ from: "BY", to: ["RU"], text: secret });
  await by.message("private", (m) => m.text === secret);
  await by2.message("private", (m) => m.text === secret); // a teammate reads the team's channel
  await f.message("private", (m) => m.text === secret);

  // A public statement for contrast: everyone gets it in the table.
  await ua.act("action", { type: "say", to: "table", text: "Ukraine speaks in public" }, (s) => s.table.some((e: any) => e.text === "Ukraine speaks in public"));
  await waitUntil(() => spec.json().table.some((e: any) => e.text === "Ukraine speaks in public"), "public say");
  await sleep(100);

  for (const p of [ua, us, spec]) expect(seen(p)).not.toContain(secret);
  for (const p of [f, by, by2, ru, ua, us, spec]) expect(JSON.stringify(p.json())).not.toContain(secret);

  // Secret aims: the facilitator has all five briefings; BY's secret aims reach BY only.
  const byBrief = f.of("briefing").find((x) => x.delegation === "BY");
  const secretTexts: string[] = byBrief.aims.filter((a: any) => a.secret).map((a: any) => a.text);
  expect(secretTexts.length).toBeGreaterThan(0);
  for (const t of secretTexts) {
    expect(seen(by)).toContain(t);
    for (const p of [ru, ua, us, spec]) expect(seen(p)).not.toContain(t);
  }
  expect(spec.of("briefing")).toHaveLength(0);
  expect(spec.of("private")).toHaveLength(0);
  expect(ua.of("briefing").every((x) => x.delegation === "UA")).toBe(true);
  // Tokens never enter the synced state.
  const tokens = [by, ru, ua].map((p) => p.of("welcome")[0].playerToken);
  for (const p of [f, spec, ua]) for (const t of tokens) expect(JSON.stringify(p.json())).not.toContain(t);
});
