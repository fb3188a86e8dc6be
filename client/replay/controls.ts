/**
 * The replay's controls: a region "Replay" above the table with play/pause, steps by action and
 * by round, a position slider, "Jump to moment" (the story's marked moments), "Replay speed"
 * 1–8, and for the game's owner "Copy share link" and "What if…". Keyboard: Space play/pause,
 * ←/→ step, Shift+←/→ round, Home/End, 1–8 speed (listed on screen).
 */
import type { ReplayBody } from "../../shared/protocol/replay.ts";
import { h, replace } from "../ui/dom.ts";
import { mountWhatIf, type WhatIfPanel } from "../ui/whatIf.ts";
import { SPEEDS, type ReplayController } from "./controller.ts";

export const SHORTCUTS: [string, string][] = [
  ["Space", "play / pause"],
  ["← →", "step"],
  ["Shift + ← →", "round"],
  ["Home End", "start / end"],
  ["1–8", "speed"],
];

export interface ControlsOptions {
  body: ReplayBody;
  /** The credential the what-if panel sends (the owner's token). */
  auth?: string;
  projector: boolean;
}

export class ReplayControls {
  readonly el: HTMLElement;
  private c: ReplayController;
  /** One button whose name says what it does now ("Play" or "Pause"), so no aria-pressed. */
  private play = h("button", { type: "button", class: "primary play", "aria-keyshortcuts": "Space" }, "Play");
  private position: HTMLInputElement;
  private where = h("span", { class: "where num", "aria-live": "off" });
  private moments: HTMLSelectElement;
  private speed: HTMLInputElement;
  private speedOut = h("output", { class: "num" }, "1×");
  private status = h("span", { class: "muted", role: "status" });
  private whatIf: WhatIfPanel | null = null;
  private whatIfHost = h("div", { class: "what-if-host" });
  private offKeys: () => void;

  constructor(c: ReplayController, opts: ControlsOptions) {
    this.c = c;
    const tl = c.tl;
    const btn = (label: string, keys: string, fn: () => void) => h("button", { type: "button", "aria-keyshortcuts": keys, onclick: fn }, label);
    this.play.addEventListener("click", () => c.toggle());
    this.position = h("input", { type: "range", min: c.first, max: tl.length, step: 1, value: c.at, "aria-label": "Replay position", class: "position" });
    this.position.addEventListener("input", () => c.goto(Number(this.position.value)));
    this.moments = h(
      "select",
      { "aria-label": "Jump to moment" },
      h("option", { value: "" }, `Jump to a moment (${tl.moments.length})…`),
      ...tl.moments.map((m) => h("option", { value: String(m.at) }, `${m.round ? `R${m.round}` : "Briefing"} · ${m.mark}: ${m.text.length > 70 ? `${m.text.slice(0, 69)}…` : m.text}`)),
    );
    this.moments.addEventListener("change", () => this.moments.value !== "" && c.goto(Number(this.moments.value)));
    this.speed = h("input", { type: "range", min: SPEEDS.min, max: SPEEDS.max, step: 1, value: c.speed, "aria-label": "Replay speed", "aria-valuetext": `${c.speed}×` });
    this.speed.addEventListener("input", () => c.setSpeed(Number(this.speed.value)));
    const owner = !!opts.body.share;
    const share = opts.body.share;
    this.el = h(
      "section",
      { class: `replay-controls${opts.projector ? " compact" : ""}`, role: "region", "aria-label": "Replay" },
      h(
        "div",
        { class: "row replay-buttons" },
        h("b", { class: "replay-title" }, `Replay · ${opts.body.code}`),
        btn("Previous round", "Shift+ArrowLeft", () => c.previousRound()),
        btn("Step back", "ArrowLeft", () => c.step(-1)),
        this.play,
        btn("Step forward", "ArrowRight", () => c.step(1)),
        btn("Next round", "Shift+ArrowRight", () => c.nextRound()),
        this.position,
      ),
      h(
        "div",
        { class: "row replay-more" },
        this.where,
        this.moments,
        h("label", { class: "speed" }, "Speed", this.speed, this.speedOut),
        owner && share ? h("button", { type: "button", onclick: () => void this.copy(share.link) }, "Copy share link") : null,
        owner && share ? h("a", { href: `${share.link}&view=projector`, target: "_blank", rel: "noopener" }, "Open on the projector") : null,
        owner && opts.auth ? h("button", { type: "button", class: "what-if-toggle", "aria-expanded": "false", onclick: (e: Event) => this.toggleWhatIf(e.currentTarget as HTMLButtonElement, opts) }, "What if…") : null,
        this.status,
      ),
      h("p", { class: "keys muted" }, "Keys: ", ...SHORTCUTS.flatMap(([k, what], i) => [i ? " · " : "", h("kbd", {}, k), ` ${what}`])),
      this.whatIfHost,
    );
    this.offKeys = keys(c);
    c.subscribe(() => this.render());
    this.render();
  }

  render(): void {
    const c = this.c;
    const tl = c.tl;
    this.play.textContent = c.playing ? "Pause" : "Play";
    this.position.value = String(c.at);
    this.position.setAttribute("aria-valuetext", `action ${c.at} of ${tl.length}`);
    const s = c.state;
    const part = s.phase === "round" ? `Round ${s.round} of ${s.config.rounds}` : s.phase === "briefing" ? "Briefing" : s.phase === "signing" ? "Signing" : s.phase === "debrief" ? "Debrief" : "Lobby";
    const next = tl.next(c.at);
    replace(this.where, `${part} · action ${c.at} of ${tl.length}`, next ? h("span", { class: "muted" }, ` · next: ${next.who} ${next.action.type}`) : null);
    const here = tl.moments.findLast((m) => m.at <= c.at);
    this.moments.value = here && here.at === c.at ? String(here.at) : "";
    this.speed.value = String(c.speed);
    this.speed.setAttribute("aria-valuetext", `${c.speed}×`);
    this.speedOut.textContent = `${c.speed}×`;
    this.whatIf?.update();
  }

  private async copy(link: string): Promise<void> {
    const url = new URL(link, location.origin).href;
    try {
      await navigator.clipboard.writeText(url);
      this.status.textContent = "Share link copied: anyone with it can watch this replay.";
    } catch {
      // No clipboard (an insecure origin, a denied permission): show it to copy by hand.
      replace(this.status, "Copy this link: ", h("input", { type: "text", readonly: true, value: url, "aria-label": "Share link", size: 48, onfocus: (e: Event) => (e.target as HTMLInputElement).select() }));
    }
  }

  private toggleWhatIf(button: HTMLButtonElement, opts: ControlsOptions): void {
    if (this.whatIf) {
      this.whatIf.destroy();
      this.whatIf = null;
      button.setAttribute("aria-expanded", "false");
      return;
    }
    const c = this.c;
    this.whatIf = mountWhatIf({
      code: opts.body.code,
      auth: opts.auth!,
      position: () => {
        const next = c.tl.next(c.at);
        return { at: c.at, round: c.state.round, state: c.state, ...(next ? { next: { who: next.who, action: next.action } } : {}) };
      },
    });
    this.whatIfHost.append(this.whatIf.el);
    button.setAttribute("aria-expanded", "true");
  }

  destroy(): void {
    this.offKeys();
    this.whatIf?.destroy();
    this.el.remove();
  }
}

/** Keyboard shortcuts anywhere on the page, except while typing or on a control that uses the key itself. */
function keys(c: ReplayController): () => void {
  const on = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const t = e.target as HTMLElement | null;
    const tag = t?.tagName ?? "";
    if (tag === "TEXTAREA" || tag === "SELECT" || t?.isContentEditable) return;
    // Sliders and text fields keep their own arrows; buttons their own Space.
    if (tag === "INPUT" && (e.key.startsWith("Arrow") || e.key === "Home" || e.key === "End" || e.key === " " || /^[1-8]$/.test(e.key))) return;
    if ((tag === "BUTTON" || tag === "A" || tag === "SUMMARY") && (e.key === " " || e.key === "Enter")) return;
    // The phone's panel tabs move with the arrows (the ARIA tabs pattern).
    if (t?.getAttribute("role") === "tab" && e.key.startsWith("Arrow")) return;
    let done = true;
    if (e.key === " ") c.toggle();
    else if (e.key === "ArrowRight") e.shiftKey ? c.nextRound() : c.step(1);
    else if (e.key === "ArrowLeft") e.shiftKey ? c.previousRound() : c.step(-1);
    else if (e.key === "Home") c.goto(c.first);
    else if (e.key === "End") c.goto(c.tl.length);
    else if (/^[1-8]$/.test(e.key)) c.setSpeed(Number(e.key));
    else done = false;
    if (done) e.preventDefault();
  };
  document.addEventListener("keydown", on);
  return () => document.removeEventListener("keydown", on);
}
