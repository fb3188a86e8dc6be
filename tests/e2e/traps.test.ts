/**
 * Classroom traps, in Chromium: a wrong join code is said before the picker; five Ready presses
 * end the briefing; a double click on "Advance phase", "Extend 1 minute", "Pardon wave" or
 * "Play as Belarus" does one thing; a bot taking a seat locks its student out until she takes it
 * back, and the console says who holds each seat; a solo round moves on soon once the bots are
 * done (short timers).
 */
import { Client } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { browserSuite, person, shot } from "./harness.ts";

const suite = browserSuite();

async function join(code: string, name: string, delegation: string) {
  const p = await person(suite.browser);
  suite.people.push(p);
  await p.page.goto(`${suite.server.url}/?code=${code}`);
  await p.page.getByLabel("Your name").fill(name);
  await p.page.getByRole("button", { name: "Join", exact: true }).click();
  await p.page.getByRole("button", { name: delegation, exact: true }).click();
  return p.page;
}

describe("no classroom traps", () => {
  it("says what is wrong with a join code, a missing name or a missing projector code before any picker", async () => {
    const s = await person(suite.browser, { width: 390, height: 844 });
    suite.people.push(s);
    const page = s.page;
    await page.goto(suite.server.url);
    const problem = page.locator("#join-problem");
    await page.getByRole("button", { name: "Open projector view" }).click();
    await expect.poll(() => problem.textContent()).toMatch(/Type the join code first/);
    await page.getByLabel("Join code").fill("QQQQQQ");
    await page.getByRole("button", { name: "Join", exact: true }).click();
    await expect.poll(() => problem.textContent()).toMatch(/Type your name first/);
    await page.getByLabel("Your name").fill("Olena");
    await page.getByRole("button", { name: "Join", exact: true }).click();
    await expect.poll(() => problem.textContent(), { timeout: 10_000 }).toMatch(/There is no game with the code QQQQQQ/);
    expect(await page.locator(".picker").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Join", exact: true }).isEnabled()).toBe(true);
    await shot(page, "traps-join-code");
    // A projector link with a code nobody opened says so, with nothing of a game under it.
    await page.goto(`${suite.server.url}/?code=QQQQQQ&view=projector`);
    await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 10_000 }).toMatch(/Could not join QQQQQQ: there is no game with that code/);
    expect(await page.locator(".lobby, .stage, .game").count()).toBe(0);
    await page.getByRole("button", { name: "Back" }).click();
    await page.getByLabel("Join code").waitFor();
  });

  it("a double click on Play as Belarus starts one game", async () => {
    const s = await person(suite.browser);
    suite.people.push(s);
    const creates: string[] = [];
    s.page.on("request", (r) => r.url().includes("/matchmake/create/") && creates.push(r.url()));
    await s.page.goto(suite.server.url);
    // The other delegations' solo buttons stay inside their card.
    await s.page.getByText("Another delegation").click();
    const spill = await s.page.locator(".solo-others button").evaluateAll((bs) => {
      const card = bs[0]!.closest(".card")!.getBoundingClientRect();
      return bs.filter((b) => { const r = b.getBoundingClientRect(); return r.left < card.left || r.right > card.right; }).length;
    });
    expect(spill).toBe(0);
    await shot(s.page, "traps-home-solo");
    await s.page.getByRole("button", { name: "Play as Belarus" }).dblclick();
    await s.page.locator("#phase-banner").getByText(/Briefing: read your aims/).waitFor({ timeout: 20_000 });
    await s.page.waitForTimeout(500);
    expect(creates).toHaveLength(1);
  });

  it("class: Ready everywhere ends the briefing; double clicks do one thing; a bot's seat is locked until taken back", async () => {
    const teacher = await person(suite.browser);
    suite.people.push(teacher);
    const t = teacher.page;
    await t.goto(suite.server.url);
    await t.getByLabel("Your name").fill("Ms Novak");
    await t.getByRole("button", { name: "Create a class session" }).dblclick();
    const codeEl = t.getByTestId("join-code");
    await expect.poll(async () => (await codeEl.textContent())?.trim().length ?? 0, { timeout: 15_000 }).toBe(6);
    const code = ((await codeEl.textContent()) ?? "").trim();

    const ua = await join(code, "Oksana", "Ukraine");
    // The picker shows team sizes: Ukraine now has one student.
    const by = await person(suite.browser);
    suite.people.push(by);
    await by.page.goto(`${suite.server.url}/?code=${code}`);
    await by.page.getByLabel("Your name").fill("A student whose name is forty characters");
    await by.page.getByRole("button", { name: "Join", exact: true }).click();
    await expect.poll(() => by.page.locator("#team-UA").textContent(), { timeout: 10_000 }).toBe("1 student");
    expect(await by.page.locator("#team-BY").textContent()).toBe("no students yet");
    await shot(by.page, "traps-picker-teams");
    await by.page.getByRole("button", { name: "Belarus", exact: true }).click();
    const b = by.page;
    await t.getByText("A student whose name is forty characters").first().waitFor({ timeout: 15_000 });
    // A 40-character name stays inside its delegation's card.
    const overflow = await t.locator(".lobby .deleg").evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    expect(overflow).toBe(0);
    await t.locator(".lobby-delegations").scrollIntoViewIfNeeded();
    await shot(t, "traps-lobby-long-name");
    await t.getByRole("button", { name: "Start", exact: true }).dblclick();

    // Every student delegation ready: round 1 starts without the facilitator.
    for (const page of [ua, b]) await page.locator("#phase-banner").getByRole("button", { name: "Ready", exact: true }).click({ timeout: 20_000 });
    await t.locator(".hud").getByText(/Round 1\//).waitFor({ timeout: 15_000 });
    await shot(t, "traps-briefing-ended");

    // Advance twice: one round; Extend twice: one minute.
    await t.getByRole("button", { name: "Advance phase" }).dblclick();
    await t.locator(".hud").getByText(/Round 2\//).waitFor({ timeout: 15_000 });
    await t.waitForTimeout(800);
    expect(await t.locator(".hud").textContent()).toMatch(/Round 2\//);
    // A 5-minute round just began: one extension shows 5:5x left, two would show 6:5x.
    await t.getByRole("button", { name: "Extend 1 minute" }).dblclick();
    await expect.poll(() => t.locator(".timer").textContent(), { timeout: 15_000 }).toMatch(/^0?5:5\d|^0?6:00/);
    await t.waitForTimeout(800);
    expect(await t.locator(".timer").textContent()).toMatch(/^0?5:5\d/);
    const log = t.locator('[role="log"]');

    // Pardon wave twice: one wave.
    await b.getByRole("button", { name: /Pardon wave/ }).first().dblclick({ timeout: 15_000 });
    await log.getByText(/pardon/i).first().waitFor({ timeout: 15_000 });
    await t.waitForTimeout(800);
    await expect.poll(() => b.locator(".tracks").textContent()).toMatch(/Pardon waves 1 \//);

    // The facilitator hands Ukraine to a bot mid-round: Oksana sees it and cannot act.
    await t.getByRole("checkbox", { name: "Bot plays Ukraine" }).check();
    await ua.locator("#phase-banner").getByText(/A bot is playing Ukraine's seat/).waitFor({ timeout: 15_000 });
    expect(await t.getByTestId("holder-UA").textContent()).toMatch(/played by a bot \(1 student locked out\)/);
    const enabled = await ua.locator(".actions button:not([disabled]), .treaty button:not([disabled])").count();
    expect(enabled).toBe(0);
    await shot(ua, "traps-bot-lock-student");
    await shot(t, "traps-bot-lock-console");
    await ua.getByRole("button", { name: "Take the seat back" }).click();
    await ua.locator("#phase-banner").getByText(/Round 2 of/).waitFor({ timeout: 15_000 });
    await expect.poll(() => t.getByTestId("holder-UA").textContent(), { timeout: 10_000 }).toMatch(/played by 1 student/);
  });

  it("solo with short rounds: once the bots are done the round counts down and moves on by itself", async () => {
    // A solo game with 20-second rounds, made over the SDK, then opened in the browser by its token.
    const sdk = new Client(suite.server.url.replace(/^http/, "ws"));
    const room = await sdk.create("table", { name: "Sasha", role: "player", delegation: "BY", solo: true, config: { rounds: 3, roundSeconds: 20, seed: 5 } });
    const w = await new Promise<{ code: string; playerToken: string }>((r) => room.onMessage("welcome", r));
    room.onMessage("*", () => undefined);
    const s = await person(suite.browser);
    suite.people.push(s);
    const page = s.page;
    await page.goto(suite.server.url);
    await page.evaluate(([code, token]) => localStorage.setItem(`seat-at-the-table:${code}`, JSON.stringify({ playerToken: token, name: "Sasha", solo: true })), [w.code, w.playerToken]);
    await page.goto(`${suite.server.url}/?code=${w.code}`);
    await page.locator("#phase-banner").getByRole("button", { name: "Ready", exact: true }).click({ timeout: 20_000 });
    await page.locator(".hud").getByText(/Round 1\//).waitFor({ timeout: 15_000 });
    const started = Date.now();
    await page.locator("#phase-banner").getByText(/the bots are done/).waitFor({ timeout: 15_000 });
    // The countdown: a quarter of the 20-second round (the top bar's clock redraws on its own
    // tick, a moment after the banner that came with the same patch).
    await expect.poll(() => page.locator(".timer").textContent(), { timeout: 5_000 }).toMatch(/^0?0:0[0-5]/);
    await shot(page, "traps-solo-countdown");
    await page.locator(".hud").getByText(/Round 2\//).waitFor({ timeout: 15_000 });
    expect(Date.now() - started).toBeLessThan(15_000);

    // Idle to the end: the debrief offers "Play again" (a new solo game) and "Home".
    await page.locator("#phase-banner").getByText(/Debrief/).waitFor({ timeout: 60_000 });
    expect(await page.locator("#phase-banner").getByRole("button", { name: "Home" }).count()).toBe(1);
    await shot(page, "traps-solo-debrief");
    await page.locator("#phase-banner").getByRole("button", { name: "Play again" }).click();
    await page.locator("#phase-banner").getByText(/Briefing: read your aims/).waitFor({ timeout: 20_000 });
    const again = new URL(page.url()).searchParams.get("code");
    expect(again).toHaveLength(6);
    expect(again).not.toBe(w.code);
  });

  it("signing: one student of a team is asked before signing for everyone; a removed student reads one message", async () => {
    const teacher = await person(suite.browser);
    suite.people.push(teacher);
    const t = teacher.page;
    await t.goto(suite.server.url);
    await t.getByText("Session settings").click();
    await t.getByLabel("Rounds").fill("1");
    await t.getByRole("button", { name: "Create a class session" }).click();
    const codeEl = t.getByTestId("join-code");
    await expect.poll(async () => (await codeEl.textContent())?.trim().length ?? 0, { timeout: 15_000 }).toBe(6);
    const code = ((await codeEl.textContent()) ?? "").trim();
    const a = await join(code, "Taras", "Ukraine");
    const b = await join(code, "Iryna", "Ukraine");
    await t.getByText("Iryna").first().waitFor({ timeout: 15_000 });
    await t.getByRole("button", { name: "Start", exact: true }).click();
    await t.getByRole("button", { name: "Advance phase" }).click({ timeout: 15_000 });
    await t.locator(".hud").getByText(/Round 1\//).waitFor({ timeout: 15_000 });
    await t.getByRole("button", { name: "Advance phase" }).click();
    await a.locator("#phase-banner").getByText("Signing: sign or refuse the treaty.").waitFor({ timeout: 15_000 });
    await shot(a, "traps-signing-banner");

    // The first answer is "no": nothing is signed. Then "yes".
    const asked: string[] = [];
    let answer = false;
    a.on("dialog", (d) => (asked.push(d.message()), answer ? d.accept() : d.dismiss()));
    await a.locator("#phase-banner").getByRole("button", { name: "Sign the treaty" }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toMatch(/^Sign for the whole delegation\?/);
    await a.waitForTimeout(500);
    expect(await a.locator("#phase-banner").textContent()).toMatch(/sign or refuse/);
    // Removed: one message, no offer to rejoin.
    t.on("dialog", (d) => d.accept());
    await t.getByRole("button", { name: "Remove Iryna" }).click();
    await b.locator("#phase-banner").getByText("The facilitator removed you from this session.").waitFor({ timeout: 15_000 });
    await expect.poll(() => b.getByTestId("connection").textContent()).toBe("Removed by the facilitator");
    expect(await b.getByText(/reload to rejoin/i).count()).toBe(0);
    expect(await b.locator(".toast").count()).toBe(0);
    // Alone in the delegation now, Taras signs without being asked.
    answer = true;
    await a.locator("#phase-banner").getByRole("button", { name: "Sign the treaty" }).click();
    await a.locator("#phase-banner").getByText(/Ukraine has signed|Debrief/).waitFor({ timeout: 15_000 });
    expect(asked).toHaveLength(1);
    await shot(b, "traps-kicked");
  });
});
