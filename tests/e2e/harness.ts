/**
 * The browser suite's harness: the real server on 127.0.0.1 and a free port with a throwaway
 * DATA_DIR, and Chromium driven by playwright-core, one context per simulated person. Any
 * uncaught page error fails the test that caused it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";

import { E2E_DIST } from "./globalSetup.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SHOTS = "docs/screenshots";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the process; the data folder is removed unless `keepData` (for a restart). */
  stop(keepData?: boolean): Promise<void>;
  output(): string;
}

/** Starts the game server as `npm start` would, minus the build (globalSetup did it). */
export async function startServer(reuse?: { port: number; dataDir: string }): Promise<RunningServer> {
  const port = reuse?.port ?? (await freePort());
  const dataDir = reuse?.dataDir ?? mkdtempSync(join(tmpdir(), "seat-e2e-"));
  let log = "";
  const child: ChildProcess = spawn("node_modules/.bin/node", ["tests/e2e/serve.ts"], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DATA_DIR: dataDir, DIST_DIR: E2E_DIST, BOT_DELAY_MS: process.env.BOT_DELAY_MS ?? "50-150", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`server did not become healthy: ${log}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port,
    dataDir,
    output: () => log,
    stop: async (keepData = false) => {
      if (child.exitCode === null) {
        child.kill(keepData ? "SIGKILL" : "SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  errors: Error[];
  /** The page's last console lines and failed requests, printed when a test fails. */
  console: string[];
}

/** A fresh context (own storage) and page; uncaught page errors are collected to fail on. */
export async function person(browser: Browser, viewport = { width: 1366, height: 820 }, reducedMotion: "reduce" | "no-preference" = "no-preference"): Promise<Person> {
  const context = await browser.newContext({ viewport, reducedMotion, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: Error[] = [];
  const lines: string[] = [];
  const note = (line: string) => lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`) > 40 && lines.shift();
  page.on("pageerror", (e) => errors.push(e));
  page.on("console", (m) => note(`${m.type()}: ${m.text()}`));
  page.on("requestfailed", (r) => note(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("websocket", (ws) => {
    note(`websocket open ${ws.url().replace(/\?.*/, "")}`);
    ws.on("close", () => note(`websocket closed ${ws.url().replace(/\?.*/, "")}`));
  });
  return { context, page, errors, console: lines };
}

export function shot(page: Page, name: string): Promise<Buffer> {
  mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Where the page's Phaser table is: its marks, boot and loop state, scenes, canvas and stage sizes. */
function tableDiagnosis(): string {
  const g = window.__game as unknown as { isBooted: boolean; isRunning: boolean; loop: { running: boolean; sleeping?: boolean; frame: number }; scale: { width: number; height: number }; scene: { getScenes(active: boolean): { sys: { settings: { key: string; status: number } } }[] } } | undefined;
  const stage = document.querySelector("canvas")?.parentElement;
  return JSON.stringify({
    marks: performance.getEntriesByType("mark").map((m) => `${m.name}@${Math.round(m.startTime)}`),
    now: Math.round(performance.now()),
    game: g ? { booted: g.isBooted, running: g.isRunning, loop: g.loop.running, sleeping: g.loop.sleeping, frame: g.loop.frame, size: [g.scale.width, g.scale.height], scenes: g.scene.getScenes(false).map((x) => `${x.sys.settings.key}:${x.sys.settings.status}`) } : null,
    layout: window.__tableLayout?.screen ?? null,
    stage: stage ? [stage.clientWidth, stage.clientHeight] : null,
    visibility: document.visibilityState,
  });
}

/** What a test file shares: one server, one browser, and everyone it opened a page for. */
export interface Suite {
  /** Reassign after restarting it, so the file still stops it at the end. */
  server: RunningServer;
  readonly browser: Browser;
  /** People whose uncaught page errors fail the file. */
  readonly people: Person[];
}

/** Starts a server and a browser for this file, and fails it on any person's page error. */
export function browserSuite(): Suite {
  const ctx = { people: [] as Person[] } as { server: RunningServer; browser: Browser; people: Person[] };
  beforeAll(async () => {
    ctx.server = await startServer();
    ctx.browser = await launch();
  });
  // A browser test that fails on a machine we cannot watch (CI) says what each page showed.
  beforeEach(({ onTestFailed }) =>
    onTestFailed(async () => {
      for (const p of ctx.people) {
        if (p.page.isClosed()) continue;
        const text = await p.page.evaluate(() => document.body.innerText.slice(0, 600)).catch((e: unknown) => `(unreadable: ${String(e)})`);
        const table = await p.page.evaluate(tableDiagnosis).catch((e: unknown) => `(unreadable: ${String(e)})`);
        console.error(`page ${p.page.url()}\n  shows: ${text.replace(/\s+/g, " ")}\n  table: ${table}\n  console:\n    ${p.console.join("\n    ")}`);
      }
      console.error(`server output (last 3,000 characters):\n${ctx.server?.output().slice(-3000)}`);
    }),
  );
  afterAll(async () => {
    for (const p of ctx.people) expect(p.errors.map(String)).toEqual([]);
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

/** Home page → "Play as Belarus" → ready in the briefing: a solo game under way on `page`. */
export async function startSolo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Your name").fill("Solo student");
  await page.getByRole("button", { name: "Play as Belarus" }).click();
  await page.getByRole("button", { name: "Ready", exact: true }).click({ timeout: 20_000 });
}

/**
 * Plays a solo game to its debrief as a student would: each round a pardon wave if Belarus may,
 * a moment (`thinkMs`) for the bots to table and back clauses, then "Ready for round end"; in the
 * signing, sign if Belarus may. `eachRound` runs before the round is ended (a screenshot).
 */
export async function playSoloToDebrief(page: Page, opts: { thinkMs?: number; pardon?: boolean; eachRound?: (round: number) => Promise<void> } = {}): Promise<void> {
  const debrief = page.locator(".debrief");
  let rounds = 0;
  for (let i = 0; i < 300 && !(await debrief.isVisible()); i++) {
    const ready = page.getByRole("button", { name: "Ready for round end" });
    const sign = page.getByRole("button", { name: "Sign the treaty" });
    if ((await sign.count()) && (await sign.isEnabled())) await sign.click();
    else if ((await ready.count()) && (await ready.isEnabled())) {
      const pardon = page.getByRole("button", { name: /Pardon wave/ });
      if (opts.pardon && (await pardon.count()) && (await pardon.isEnabled())) await pardon.click();
      if (opts.thinkMs) await page.waitForTimeout(opts.thinkMs);
      await opts.eachRound?.(rounds++);
      if (await ready.isEnabled()) await ready.click();
    }
    await page.waitForTimeout(250);
  }
  await debrief.waitFor({ timeout: 30_000 });
}
