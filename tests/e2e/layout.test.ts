/**
 * The layout holds in Chromium at 1920×1080 (projector), 1366×768 (laptop) and 390×844 (phone):
 * no two labelled DOM elements overlap, the canvas's own layout (window.__tableLayout) keeps its
 * promises, every text drawn on the canvas sits in its rectangle at 12 px or more, and the
 * projector fits one screen. Also measures the projector's frame rate with 12 clauses while
 * cards flip, travel and tear (requestAnimationFrame counting), for docs/PERFORMANCE.md.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parts, problems, type Label, type TableLayout } from "../../client/layout/index.ts";
import type { DrawnText } from "../../client/scenes/Table.ts";
import { busiest } from "../client/layoutState.ts";
import { browserSuite, person, shot } from "./harness.ts";

const suite = browserSuite();

/** Pairs of visible labelled elements whose boxes (clipped by scrolling ancestors) overlap. */
function domOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const sel = "button, a, input, select, textarea, h1, h2, h3, [role=tab], canvas, .join-code, .qr, .hud, .timer, .conn, p, .aim-text, .ref, .pts";
    const clip = (el: Element): DOMRect | null => {
      let r = el.getBoundingClientRect();
      let x0 = r.left, y0 = r.top, x1 = r.right, y1 = r.bottom;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a);
        if (o.overflowX === "visible" && o.overflowY === "visible") continue;
        const b = a.getBoundingClientRect();
        x0 = Math.max(x0, b.left); y0 = Math.max(y0, b.top); x1 = Math.min(x1, b.right); y1 = Math.min(y1, b.bottom);
      }
      if (x1 - x0 < 1 || y1 - y0 < 1) return null;
      r = new DOMRect(x0, y0, x1 - x0, y1 - y0);
      return r;
    };
    const els = [...document.querySelectorAll(sel)].filter((e) => {
      if (e.closest(".toasts, .sr-only, .skip, [hidden]")) return false;
      const s = getComputedStyle(e);
      return s.visibility !== "hidden" && s.display !== "none" && (e as HTMLElement).offsetParent !== null;
    });
    const boxes = els.map((e) => [e, clip(e)] as const).filter((x): x is readonly [Element, DOMRect] => !!x[1]);
    const name = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${e.className && typeof e.className === "string" ? `.${e.className.split(" ")[0]}` : ""} "${(e.textContent ?? "").trim().slice(0, 30)}"`;
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, ra] = boxes[i];
        const [b, rb] = boxes[j];
        if (a.contains(b) || b.contains(a)) continue;
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1) out.push(`${name(a)} overlaps ${name(b)}`);
      }
    return out;
  });
}

/** Waits for the table to stand still, then checks its layout and what was drawn from it. */
async function canvasProblems(page: Page): Promise<{ layout: TableLayout; problems: string[] }> {
  await page.waitForFunction(() => !!window.__tableLayout && !!window.__tableDrawn, undefined, { timeout: 15_000 });
  await page.waitForFunction(() => (window.__game?.scene.getScene("Table") as unknown as { tweens: { getTweens(): unknown[] } }).tweens.getTweens().length === 0, undefined, { timeout: 15_000 });
  const { layout, drawn, canvas } = await page.evaluate(() => ({ layout: window.__tableLayout!, drawn: window.__tableDrawn!(), canvas: (() => { const r = document.querySelector("#table-canvas canvas")!.getBoundingClientRect(); return { w: r.width, h: r.height }; })() }));
  const out = problems(layout);
  if (Math.abs(canvas.w - layout.w) > 1 || Math.abs(canvas.h - layout.h) > 1) out.push(`canvas is ${canvas.w}×${canvas.h} on screen, laid out for ${layout.w}×${layout.h}`);
  const labels = new Map<string, Label>();
  for (const p of parts(layout)) for (const l of p.inner) labels.set(l.id, l);
  if (layout.timer) labels.set(layout.timer.id, layout.timer);
  for (const d of drawn as DrawnText[]) {
    if (!d.text) continue;
    const l = labels.get(d.id.split("#")[0]);
    if (!l) {
      out.push(`drawn text ${d.id} "${d.text}" has no label`);
      continue;
    }
    if (d.size < 12) out.push(`${d.id} drawn at ${d.size}px`);
    if (d.x < l.x - 1 || d.x + d.w > l.x + l.w + 1 || d.y < l.y - 2 || d.y + d.h > l.y + l.h + 2) out.push(`${d.id} "${d.text}" drawn at ${[d.x, d.y, d.w, d.h].map(Math.round)} outside ${[l.x, l.y, l.w, l.h]}`);
  }
  return { layout, problems: out };
}

async function teacherStarts(): Promise<{ code: string; teacher: Page }> {
  const t = await person(suite.browser, { width: 1366, height: 768 });
  suite.people.push(t);
  await t.page.goto(suite.server.url);
  await t.page.getByLabel("Your name").fill("Ms Novak");
  await t.page.getByRole("button", { name: "Create a class session" }).click();
  const code = (await t.page.getByTestId("join-code").textContent({ timeout: 15_000 })) ?? "";
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  return { code, teacher: t.page };
}

describe("layout in Chromium", () => {
  it("laptop 1366×768: actions under the table, aims folded to one line each, nothing overlaps", async () => {
    const p = await person(suite.browser, { width: 1366, height: 768 });
    suite.people.push(p);
    const page = p.page;
    await page.goto(suite.server.url);
    await page.getByLabel("Your name").fill("A student with a forty-character long name");
    await page.getByRole("button", { name: "Play as Belarus" }).click();
    await page.getByRole("button", { name: "Ready", exact: true }).click({ timeout: 20_000 });
    // Bots table clauses and talk: give them a few seconds.
    await expect.poll(() => page.evaluate(() => window.__tableLayout?.cards.length ?? 0), { timeout: 20_000 }).toBeGreaterThan(2);
    const actions = page.locator(".below .actions");
    await actions.waitFor();
    expect((await actions.boundingBox())!.y).toBeLessThan(768);
    await expect.poll(() => page.locator(".aims-collapsed").count()).toBe(1);
    // Folded: one line per aim, no notes; the toggle brings the notes back and folds them again.
    const note = page.locator(".briefing .aim .note").first();
    expect(await note.isVisible()).toBe(false);
    expect(await page.locator(".briefing .aim-text").first().isVisible()).toBe(true);
    await page.getByRole("button", { name: "Show aim notes" }).click();
    expect(await note.isVisible()).toBe(true);
    await page.getByRole("button", { name: "Fold the aims" }).click();
    expect(await note.isVisible()).toBe(false);
    const c = await canvasProblems(page);
    expect(c.problems).toEqual([]);
    expect(c.layout.screen).toBe("laptop");
    expect(await domOverlaps(page)).toEqual([]);
    await shot(page, "layout-laptop");
  });

  it("phone 390×844: tabs, canvas text ≥ 12 px, nothing overlaps or spills sideways", async () => {
    const p = await person(suite.browser, { width: 390, height: 844 });
    suite.people.push(p);
    const page = p.page;
    await page.goto(suite.server.url);
    await page.getByLabel("Your name").fill("Phone");
    await page.getByRole("button", { name: "Play as Belarus" }).click();
    await page.getByRole("button", { name: "Ready", exact: true }).click({ timeout: 20_000 });
    await expect.poll(() => page.getByRole("tab").count(), { timeout: 15_000 }).toBe(4);
    await expect.poll(() => page.evaluate(() => window.__tableLayout?.cards.length ?? 0), { timeout: 20_000 }).toBeGreaterThan(1);
    const c = await canvasProblems(page);
    expect(c.problems).toEqual([]);
    expect(c.layout.arrangement).toBe("strip");
    expect(await domOverlaps(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    await shot(page, "layout-phone");
    await page.getByRole("tab", { name: "Actions" }).click();
    expect(await domOverlaps(page)).toEqual([]);
    await shot(page, "layout-phone-actions");
  });

  it("projector 1920×1080: lobby code and QR large, the table fits one screen, 12 clauses at ≥ 50 fps, full-width debrief", async () => {
    const { code, teacher } = await teacherStarts();
    const pr = await person(suite.browser, { width: 1920, height: 1080 });
    suite.people.push(pr);
    const page = pr.page;
    await page.goto(`${suite.server.url}/?code=${code}&view=projector`);
    const codeEl = page.getByTestId("join-code");
    await codeEl.waitFor({ timeout: 15_000 });
    const qr = await page.locator(".qr").boundingBox();
    expect(qr!.height).toBeGreaterThanOrEqual(400);
    expect(parseFloat(await codeEl.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(120);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
    expect(await domOverlaps(page)).toEqual([]);
    await shot(page, "layout-projector-lobby");

    // No students and no bots: the briefing stays still while the projector is measured.
    await teacher.getByRole("button", { name: "Start", exact: true }).click();
    await page.locator("#table-canvas canvas").waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => window.__tableLayout?.screen === "projector", undefined, { timeout: 15_000 });
    // The busiest table a class can make, set in this browser's store (the view only reads it).
    const busy = busiest();
    // The projector must have the briefing from the server first: a patch arriving after the
    // busy table was set would replace it (on a busy machine the start's patches come late).
    await page.waitForFunction(() => (window.__game?.registry.get("tableData") as { store: { state: { pub: { phase: string } } } } | undefined)?.store.state.pub.phase === "briefing", undefined, { timeout: 15_000 });
    // …and the start's last patch: the server may send the start's changes in more than one
    // step, and any patch replaces the whole public state. Wait for 1.5 s without one.
    await page.evaluate(() => {
      const store = (window.__game!.registry.get("tableData") as { store: { setPublic(r: unknown): void } }).store;
      const w = window as unknown as { __lastPatch: number };
      w.__lastPatch = performance.now();
      const set = store.setPublic.bind(store);
      store.setPublic = (r) => ((w.__lastPatch = performance.now()), set(r));
    });
    await page.waitForFunction(() => performance.now() - (window as unknown as { __lastPatch: number }).__lastPatch > 1500, undefined, { timeout: 15_000, polling: 100 });
    const setBusy = () => page.evaluate((raw) => {
      const store = (window.__game!.registry.get("tableData") as { store: { setPublic(r: unknown): void; state: { pub: object } } }).store;
      store.setPublic({ ...store.state.pub, ...raw, table: [...(store.state.pub as { table: unknown[] }).table, { kind: "say", from: "US", text: "That gets us closer to a deal. Supported.", round: 3 }] });
    }, { ...busy, phase: "round", deadline: Date.now() + 240_000 });
    await setBusy();
    // The scene lays the new state out on its next frame: on a busy machine that can be late.
    await page.waitForFunction(() => window.__tableLayout?.cards.length === 12, undefined, { timeout: 15_000 });
    const c = await canvasProblems(page);
    expect(c.problems).toEqual([]);
    expect(c.layout.cards).toHaveLength(12);
    expect(c.layout.arrangement).toBe("ring");
    expect(await page.evaluate(() => [document.documentElement.scrollHeight, document.documentElement.scrollWidth])).toEqual([1080, 1920]);
    expect(await domOverlaps(page)).toEqual([]);
    await shot(page, "layout-projector");

    // Frame rate over 4 s while stances flip, a card is torn and replaced, and an event is dealt;
    // with the renderer process's CPU time per frame, which other work on the machine does not inflate.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const cpu = async () => ((await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ProcessTime")?.value ?? 0) * 1000;
    const cpu0 = await cpu();
    const fps = await page.evaluate(async () => {
      const store = (window.__game!.registry.get("tableData") as { store: { setPublic(r: unknown): void; addEvent(e: unknown): void; state: { pub: { clauses: { id: string; stances: Record<string, string> }[]; event: string } } } }).store;
      const stances = ["support", "oppose", "none"];
      let k = 0;
      const timer = setInterval(() => {
        k++;
        const pub = store.state.pub;
        const clauses = pub.clauses.map((c, i) => ({ ...c, stances: { ...c.stances, RU: stances[(k + i) % 3], UA: stances[(k + 2 * i) % 3] } }));
        if (k % 3 === 0) {
          store.addEvent({ kind: "torpedo", who: "RU", text: "walkout", data: { target: clauses[0].id } });
          clauses.push({ ...clauses[0], id: `n${k}` });
          clauses.shift();
        }
        store.setPublic({ ...pub, clauses, event: k % 2 ? "hungaryVeto" : "euSummit", momentum: 3 + (k % 5) });
      }, 400);
      const frames: number[] = [];
      await new Promise<void>((done) => {
        const t0 = performance.now();
        const tick = (t: number) => {
          frames.push(t);
          if (t - t0 < 4000) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
      });
      clearInterval(timer);
      const gaps = frames.slice(1).map((t, i) => t - frames[i]);
      const sorted = [...gaps].sort((a, b) => a - b);
      return { fps: (gaps.length * 1000) / (frames.at(-1)! - frames[0]), frames: gaps.length, p95: sorted[Math.floor(sorted.length * 0.95)], worst: sorted.at(-1)! };
    });
    const perFrame = (await cpu()) - cpu0;
    console.log(`projector 1920×1080, 12 clauses, animating: ${fps.fps.toFixed(1)} fps, 95th percentile frame ${fps.p95.toFixed(1)} ms, worst ${fps.worst.toFixed(1)} ms; renderer CPU ${(perFrame / fps.frames).toFixed(1)} ms per frame`);
    // 50 fps leaves 20 ms a frame; the renderer's own CPU time must fit in it whatever the load.
    expect(perFrame / fps.frames).toBeLessThan(20);
    // The wall-clock rate measures whatever else the machine runs (a 1-minute load average lags a
    // burst by a minute, and CI shares its cores): it is held to 50 fps only when asked for, on a
    // quiet machine (`FPS_CHECK=1 npm run test:e2e -- tests/e2e/layout.test.ts`, docs/PERFORMANCE.md).
    if (process.env.FPS_CHECK === "1") expect(fps.fps).toBeGreaterThanOrEqual(50);

    // The debrief takes the whole width on the projector.
    teacher.once("dialog", (d) => void d.accept());
    await teacher.getByRole("button", { name: "End game" }).click();
    const debrief = page.locator(".debrief");
    await debrief.locator(".outcome-title").waitFor({ timeout: 15_000 });
    expect((await debrief.boundingBox())!.width).toBeGreaterThan(1800);
    expect(await domOverlaps(page)).toEqual([]);
    await shot(page, "layout-projector-debrief");
  });
});
