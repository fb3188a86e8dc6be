/**
 * The class against the simulated games: a solo game played to its end shows, in its debrief,
 * the server's bot games of the same setup — progress while they are played, then the outcome
 * shares and each delegation's standing with its histogram. A small game count (SIM_GAMES) keeps
 * the test short; the server plays 1,000 by default.
 */
import { describe, expect, it } from "vitest";
import { browserSuite, person, playSoloToDebrief, shot, startSolo } from "./harness.ts";

const GAMES = 150;
process.env.SIM_GAMES = String(GAMES); // read by the server this file starts (tests/e2e/serve.ts)
const suite = browserSuite();

describe("distribution", () => {
  it("a finished solo game's debrief shows the panel filled", async () => {
    const player = await person(suite.browser, { width: 1366, height: 900 });
    suite.people.push(player);
    const page = player.page;
    await startSolo(page, suite.server.url);
    // Every progress line the panel shows, as it shows it.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { __simSeen: string[] }).__simSeen = []);
      new MutationObserver(() => {
        const t = document.querySelector(".simulated [role=status]")?.textContent;
        if (t && seen.at(-1) !== t) seen.push(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    await playSoloToDebrief(page);
    const debrief = page.locator(".debrief");

    const panel = page.locator(".simulated");
    await panel.getByRole("heading", { name: `Against ${GAMES} simulated games` }).waitFor({ timeout: 90_000 });
    await expect.poll(() => panel.locator(".sim-seats li").count(), { timeout: 90_000 }).toBe(5);
    await expect.poll(() => panel.locator("progress").count()).toBe(0);
    const text = await panel.innerText();
    expect(text).toMatch(/Belarus scored −?\d+: better than [\d.]+\s% of simulated Belarus delegations/);
    for (const name of ["Russia", "Ukraine", "United States", "European Union"]) expect(text).toContain(`of simulated ${name} delegations`);
    expect(text).toMatch(/This game's outcome (came about in [\d.]+\s% of them|never came about)/);
    expect(await panel.locator("svg.sim-hist").count()).toBe(5);
    expect(await panel.locator(".sim-outcomes li").count()).toBeGreaterThan(0);
    const seen = await page.evaluate(() => (window as unknown as { __simSeen: string[] }).__simSeen);
    console.log(`distribution panel status lines, in order: ${JSON.stringify(seen)}`);
    expect(seen.at(-1)).toMatch(new RegExp(`^${GAMES} games of this setup`));
    expect(seen.slice(0, -1).every((t) => /Playing|Waiting/.test(t))).toBe(true);

    await panel.scrollIntoViewIfNeeded();
    await shot(page, "debrief-simulated");
    await panel.screenshot({ path: "docs/screenshots/debrief-simulated-panel.png" });
  });
});
