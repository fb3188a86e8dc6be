/**
 * Moves you can see: on the projector a new clause travels from its proposer's chair, a stance
 * chip flips, a torpedoed card tears, a signature stamps, the event card is dealt, a chair goes
 * to the anteroom's door while a motion is open and back when it is denied. Under
 * prefers-reduced-motion nothing moves: each change gets a still highlight instead. The moves are
 * played into this browser's store (the view only reads it) on a table nobody else changes.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { busiest } from "../client/layoutState.ts";
import { browserSuite, person, shot } from "./harness.ts";

const suite = browserSuite();

/** What the scene is doing right now: running tweens, highlight frames, stamps, torn halves. */
function scene(page: Page): Promise<{ tweens: number; frames: number; texts: string[]; by: string; cardAt: { x: number; y: number } | null }> {
  return page.evaluate(() => {
    const s = window.__game!.scene.getScene("Table") as unknown as { tweens: { getTweens(): unknown[] }; children: { list: { type: string; depth: number; text?: string }[] } };
    const list = s.children.list;
    const l = window.__tableLayout!;
    const card = (window.__game!.scene.getScene("Table") as unknown as { cards: { cards: Map<string, { box: { x: number; y: number } }> } }).cards.cards.get("new1");
    return {
      tweens: s.tweens.getTweens().length,
      frames: list.filter((o) => o.type === "Graphics" && o.depth === 9).length,
      texts: list.filter((o) => o.type === "Text" && o.depth === 9).map((o) => o.text ?? ""),
      by: l.seats.find((x) => x.code === "BY")!.where,
      cardAt: card ? { x: card.box.x, y: card.box.y } : null,
    };
  });
}

async function projector(reduce: boolean): Promise<Page> {
  const t = await person(suite.browser);
  suite.people.push(t);
  await t.page.goto(suite.server.url);
  await t.page.getByRole("button", { name: "Create a class session" }).click();
  const code = (await t.page.getByTestId("join-code").textContent({ timeout: 15_000 })) ?? "";
  await t.page.getByRole("button", { name: "Start", exact: true }).click();
  const p = await person(suite.browser, { width: 1920, height: 1080 }, reduce ? "reduce" : "no-preference");
  suite.people.push(p);
  await p.page.goto(`${suite.server.url}/?code=${code}&view=projector`);
  await p.page.waitForFunction(() => window.__tableLayout?.screen === "projector", undefined, { timeout: 15_000 });
  const b = busiest();
  b.clauses = b.clauses.slice(0, 5);
  await play(p.page, (st, pub, raw) => st.setPublic({ ...pub, ...(raw as object) }), { ...b, phase: "round" });
  await p.page.waitForFunction(() => (window.__game?.scene.getScene("Table") as unknown as { tweens: { getTweens(): unknown[] } }).tweens.getTweens().length === 0, undefined, { timeout: 15_000 });
  return p.page;
}

type Store = { setPublic(r: unknown): void; addEvent(e: unknown): void };
type Pub = { clauses: { id: string; proposer: string; status: string; stances: Record<string, string> }[]; motions: { status: string }[]; delegations: Record<string, object> };

/** Runs `fn` against this browser's store and its public state. */
function play(page: Page, fn: (st: Store, pub: Pub, arg: unknown) => void, arg: unknown = null): Promise<void> {
  return page.evaluate(
    ([src, a]) => {
      const st = (window.__game!.registry.get("tableData") as { store: Store & { state: { pub: Pub } } }).store;
      new Function("st", "pub", "arg", `(${src})(st, pub, arg)`)(st, st.state.pub, a);
    },
    [fn.toString(), arg] as const,
  );
}

describe("moves you can see", () => {
  it("animates every public move on the projector", async () => {
    const page = await projector(false);
    expect((await scene(page)).by).toBe("door");
    // A proposal starts at Ukraine's chair (top right), far from its place on the table.
    await play(page, (st, pub) => st.setPublic({ ...pub, clauses: [...pub.clauses, { ...pub.clauses[1], id: "new1", proposer: "UA", status: "proposed" }] }));
    const start = await scene(page);
    expect(start.tweens).toBeGreaterThan(0);
    const ua = await page.evaluate(() => window.__tableLayout!.seats.find((s) => s.code === "UA")!.ring);
    const slot = await page.evaluate(() => window.__tableLayout!.cards.find((c) => c.id === "new1")!.box);
    expect(Math.hypot(start.cardAt!.x - slot.x, start.cardAt!.y - slot.y)).toBeGreaterThan(100);
    expect(Math.hypot(start.cardAt!.x - ua.x, start.cardAt!.y - ua.y)).toBeLessThan(Math.hypot(slot.x - ua.x, slot.y - ua.y));
    await page.waitForTimeout(700);
    // A stance flips; a walkout tears a card; a signature stamps; an event is dealt.
    await play(page, (st, pub) => st.setPublic({ ...pub, clauses: pub.clauses.map((c) => ({ ...c, stances: { ...c.stances, RU: "oppose" } })) }));
    expect((await scene(page)).tweens).toBeGreaterThan(0);
    await play(page, (st, pub) => {
      st.addEvent({ kind: "torpedo", who: "RU", text: "walkout", data: { target: "c1" } });
      st.setPublic({ ...pub, clauses: pub.clauses.map((c) => (c.id === "c1" ? { ...c, status: "struck" } : c)) });
    });
    await page.waitForTimeout(120);
    await shot(page, "motion-torpedo");
    await play(page, (st, pub) => {
      st.addEvent({ kind: "sign", who: "US", text: "signs", data: { sign: true } });
      st.setPublic({ ...pub, delegations: { ...pub.delegations, US: { ...pub.delegations.US, signature: "signed" } } });
    });
    await page.waitForTimeout(300);
    expect((await scene(page)).texts).toContain("SIGNED");
    await shot(page, "motion-signed");
    // The chair rules the motion down: Belarus goes back from the door into the anteroom.
    await play(page, (st, pub) => st.setPublic({ ...pub, motions: pub.motions.map((m) => ({ ...m, status: "denied" })) }));
    const back = await scene(page);
    expect(back.by).toBe("anteroom");
    expect(back.tweens).toBeGreaterThan(0);
    // Momentum drops: its caption sits over the gauge's own label, inside the gauge's box, so it
    // never covers a card, a seat or the outcome title (the layout's overlap checks hold for it).
    await play(page, (st, pub) => st.setPublic({ ...pub, momentum: (pub as unknown as { momentum: number }).momentum - 1 }));
    const caption = await page.evaluate(() => {
      const s = window.__game!.scene.getScene("Table") as unknown as { children: { list: { type: string; depth: number; text?: string; getBounds(): { x: number; y: number; width: number; height: number } }[] } };
      const t = s.children.list.find((o) => o.type === "Text" && o.depth === 9 && /^Momentum [−-]1/.test(o.text ?? ""));
      const box = window.__tableLayout!.gauges.find((g) => g.id === "momentum")!.box;
      return t ? { b: t.getBounds(), box } : null;
    });
    expect(caption).not.toBeNull();
    const { b, box } = caption!;
    expect(b.x).toBeGreaterThanOrEqual(box.x - 1);
    expect(b.y).toBeGreaterThanOrEqual(box.y - 1);
    expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.w + 1);
    expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.h + 1);
    await shot(page, "motion-gauge-caption");
  });

  it("under prefers-reduced-motion, highlights instead of movement", async () => {
    const page = await projector(true);
    await play(page, (st, pub) => st.setPublic({ ...pub, clauses: [...pub.clauses, { ...pub.clauses[1], id: "new1", proposer: "UA", status: "proposed" }] }));
    const s = await scene(page);
    expect(s.frames).toBeGreaterThan(0);
    const slot = await page.evaluate(() => window.__tableLayout!.cards.find((c) => c.id === "new1")!.box);
    expect(s.cardAt).toEqual({ x: slot.x, y: slot.y });
    await play(page, (st, pub) => {
      st.addEvent({ kind: "torpedo", who: "RU", text: "walkout", data: { target: "c1" } });
      st.setPublic({ ...pub, clauses: pub.clauses.map((c) => (c.id === "c1" ? { ...c, status: "struck" } : c)), motions: pub.motions.map((m) => ({ ...m, status: "denied" })) });
    });
    await page.waitForTimeout(100);
    const after = await scene(page);
    expect(after.texts).toContain("Torpedoed");
    expect(after.by).toBe("anteroom");
    // Nothing glides: every tween the scene started ran at 0 ms and is already done.
    expect(after.tweens).toBe(0);
    await shot(page, "motion-reduced");
  });

  it("a projector opened on the lobby draws the table when the game starts, whatever Phaser last measured", async () => {
    const t = await person(suite.browser);
    suite.people.push(t);
    await t.page.goto(suite.server.url);
    await t.page.getByRole("button", { name: "Create a class session" }).click();
    const code = (await t.page.getByTestId("join-code").textContent({ timeout: 15_000 })) ?? "";
    const p = await person(suite.browser, { width: 1920, height: 1080 });
    suite.people.push(p);
    await p.page.goto(`${suite.server.url}/?code=${code}&view=projector`);
    await p.page.waitForFunction(() => window.__game?.isRunning === true && document.querySelector(".in-lobby") !== null, undefined, { timeout: 15_000 });
    // The trap seen on a loaded machine: Phaser booted behind the hidden stage (0×0), then its
    // record of the parent took the shown stage's size in the same frame that showed it, so
    // "did the parent change?" said no and the table stayed 0×0. Here that record (size and the
    // canvas's place) is set in one task, the stage never shown to the ResizeObserver meanwhile.
    const before = await p.page.evaluate(() => {
      const game = window.__game!;
      const view = document.querySelector(".in-lobby")!;
      view.classList.remove("in-lobby");
      const stage = game.canvas.parentElement!;
      game.scale.parentSize.setSize(stage.clientWidth, stage.clientHeight);
      (game.scale as unknown as { updateBounds(): void }).updateBounds(); // and the canvas's place
      view.classList.add("in-lobby");
      return { game: [game.scale.width, game.scale.height], layout: window.__tableLayout ?? null };
    });
    expect(before).toEqual({ game: [0, 0], layout: null });
    await t.page.getByRole("button", { name: "Start", exact: true }).click();
    await p.page.waitForFunction(() => window.__tableLayout?.screen === "projector", undefined, { timeout: 10_000 });
    expect(await p.page.evaluate(() => [window.__game!.scale.width, window.__game!.scale.height])).toEqual(await p.page.evaluate(() => [window.__game!.canvas.parentElement!.clientWidth, window.__game!.canvas.parentElement!.clientHeight]));
  });

  it("a scrolled page lets the table sleep: moving the canvas is not a resize", async () => {
    const t = await person(suite.browser);
    suite.people.push(t);
    await t.page.goto(suite.server.url);
    await t.page.getByRole("button", { name: "Create a class session" }).click();
    await t.page.getByTestId("join-code").waitFor({ timeout: 15_000 });
    await t.page.getByRole("button", { name: "Start", exact: true }).click();
    await t.page.waitForFunction(() => window.__tableLayout?.screen === "laptop", undefined, { timeout: 15_000 });
    await t.page.evaluate(() => window.scrollTo(0, 400));
    expect(await t.page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    // Once nothing changes (the last change keeps it awake about 5 s), the loop sleeps and stays asleep.
    await expect.poll(() => t.page.evaluate(() => window.__game!.loop.running), { timeout: 15_000, interval: 500 }).toBe(false);
    await t.page.waitForTimeout(1200);
    expect(await t.page.evaluate(() => window.__game!.loop.running)).toBe(false);
  });
});
