/**
 * The what-if panel in Chromium, mounted through `mountWhatIf` on a Vite-built test page
 * (tests/e2e/whatif-page, standing in for the replay) against the real server, which holds the
 * same finished game: where the run starts, a decision flipped, "Play it out" with its progress,
 * then the result set against the class's outcome. Screenshot: docs/screenshots/what-if.png.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { FAC, seeded } from "../server/finishedGames.ts";
import { freePort, launch, person, shot, type Person } from "./harness.ts";

const CODE = "FACGAM";
const SEED = 5;
let out = "";
let dataDir = "";
let server: ChildProcess;
let url = "";
let browser: Browser;
let at = 0;
const people: Person[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "seat-whatif-page-"));
  await build({ root: resolve("tests/e2e/whatif-page"), configFile: false, logLevel: "warn", publicDir: false, build: { outDir: out, emptyOutDir: true, target: "es2022" } });
  const s = await seeded([{ code: CODE, seed: SEED }]);
  dataDir = s.dir;
  const { spec, states } = s.played.get(CODE)!;
  // Just before Belarus's answer to a staging request, else the chair's ruling, else a stance.
  const find = (type: string) => spec.entries.findIndex((e, i) => e.action.type === type && states[i]!.phase === "round");
  at = [find("respondStaging"), find("ruleMotion"), find("stance")].find((i) => i >= 0)!;
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  let log = "";
  server = spawn("node_modules/.bin/node", ["tests/e2e/serve.ts"], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DATA_DIR: dataDir, DIST_DIR: out, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));
  for (let i = 0; ; i++) {
    if (server.exitCode !== null || i > 200) throw new Error(`server did not start: ${log}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 150));
  }
  browser = await launch();
});

afterAll(async () => {
  for (const p of people) expect(p.errors.map(String)).toEqual([]);
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  rmSync(out, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe("what-if panel", () => {
  it("flips a decision, plays it out with progress, and shows the result against the class's outcome", async () => {
    const p = await person(browser, { width: 1100, height: 1500 });
    people.push(p);
    const page = p.page;
    await page.goto(`${url}/?code=${CODE}&token=${encodeURIComponent(FAC)}&seed=${SEED}&at=${at}&games=300`);
    const panel = page.getByRole("region", { name: "What if the bots played on from here?" });
    await expect.poll(() => panel.getByText(/^From round \d/).count()).toBe(1);
    const flip = page.getByLabel("Flip a decision");
    await expect.poll(() => flip.locator("option").count(), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(await flip.locator("option").first().textContent()).toBe("No change");
    await expect.poll(() => panel.getByText(/^The next decision logged here: /).count()).toBe(1);
    await flip.selectOption({ index: 1 });
    const chosen = (await flip.locator("option").nth(1).textContent())!;

    // The replay moves: the panel says where it would start from, and looks the decision up again.
    await page.getByRole("button", { name: "Step back" }).click();
    await page.getByRole("button", { name: "Step forward" }).click();
    await expect.poll(() => flip.locator("option").count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await flip.selectOption({ label: chosen });

    const seen: string[] = [];
    await page.getByRole("button", { name: "Play it out", exact: true }).click();
    const progress = page.getByRole("progressbar", { name: "What-if progress" });
    await progress.waitFor({ state: "visible", timeout: 10_000 });
    const result = page.getByRole("region", { name: "What-if result" });
    for (let i = 0; i < 240 && !(await result.isVisible()); i++) {
      seen.push((await panel.getByRole("status").textContent()) ?? "");
      await page.waitForTimeout(250);
    }
    await result.waitFor({ state: "visible", timeout: 5000 });
    expect(seen.some((t) => /with the decision flipped: \d+ of 300/.test(t))).toBe(true);
    await expect.poll(() => result.textContent()).toMatch(/The class reached “.+”; the bots, playing on from here, reached it in [\d.]+\u00a0% of \d+ games/);
    expect(await result.getByText("← the class's outcome").count()).toBe(1);
    expect(await result.getByRole("img").count()).toBe(5);
    expect(await page.getByRole("button", { name: "Play it out", exact: true }).isEnabled()).toBe(true);
    await shot(page, "what-if");
  });
});
