/**
 * Phases and the round's end (DESIGN §2.5): lobby → briefing → rounds → signing → debrief.
 */
import type { EventSpec } from "../scenario/types.ts";
import { settleClauses } from "./clauses.ts";
import { allowStaging } from "./belarus.ts";
import { announce, nameOf, nudge, shift, signedNumber, type Ctx } from "./context.ts";
import { effectText, frontShift } from "./effects.ts";
import { nextInt, shuffled } from "./random.ts";
import { finalOutcome } from "./score.ts";
import { emptyQueue } from "./setup.ts";
import { DELEGATIONS, type Code, type GameState, type OutcomeId } from "./types.ts";

const SEAT_RANK = { absent: 0, observer: 1, party: 2 } as const;

/** Delegations played by students right now: not handed to a bot, and someone sits there. */
export const humanPlayed = (s: GameState): Code[] =>
  DELEGATIONS.filter((code) => !s.delegations[code].bot && s.delegations[code].humans > 0);

function setTimer(c: Ctx, seconds: number): void {
  c.s.deadline = seconds > 0 ? c.now + seconds * 1000 : 0;
  c.s.remaining = 0;
}

function clearReady(s: GameState): void {
  for (const code of DELEGATIONS) s.delegations[code].ready = false;
}

export function startBriefing(c: Ctx): void {
  c.s.phase = "briefing";
  clearReady(c.s);
  setTimer(c, c.s.config.solo ? c.s.config.briefingSeconds : 0);
  announce(c, "phase", "The delegations receive their briefings. The chair chooses a venue.", { phase: "briefing" });
}

export function beginRound(c: Ctx): void {
  const { s, sc } = c;
  s.phase = "round";
  s.round += 1;
  clearReady(s);
  s.queue = emptyQueue();
  s.stagingOpen = false;
  s.signals = [];
  s.event = "";
  for (const code of DELEGATIONS) {
    const d = s.delegations[code];
    const grant = code === s.chair ? sc.influence.chair : sc.influence.base;
    d.influence = Math.max(0, grant - d.penalty);
    d.penalty = 0;
    d.pressureBonus = 0;
  }
  setTimer(c, s.config.roundSeconds);
  announce(c, "round", `Round ${s.round} of ${s.config.rounds} begins.`, { round: s.round });
  if (s.config.events) {
    if (s.deck.length === 0) s.deck = shuffled(s, sc.events.map((e) => e.id));
    const id = s.deck.shift()!;
    applyEvent(c, sc.events.find((e) => e.id === id)!);
  }
}

/** An event card's effects. Battlefield shifts wait for the round's end (step 2). */
export function applyEvent(c: Ctx, ev: EventSpec): void {
  const { s, sc } = c;
  s.event = ev.id;
  const skipped = ev.needsPardon && s.belarus.pardonWaves === 0;
  const moved: string[] = [];
  if (!skipped) {
    if (ev.momentum) moved.push(shift(c, "momentum", ev.momentum, ev.title));
    if (ev.euUnity) moved.push(shift(c, "euUnity", ev.euUnity, ev.title));
    if (ev.autonomy) nudge(c, "autonomy", ev.autonomy, `event: ${ev.title}`);
    if (ev.usFavour) nudge(c, "usFavour", ev.usFavour, `event: ${ev.title}`);
    if (ev.pausesAid) s.usAid = "paused";
    if (ev.pressureBonus) s.delegations.RU.pressureBonus += ev.pressureBonus;
    if (ev.battlefield === "random") s.queue.eventShift += nextInt(s, 2) === 0 ? 1 : -1;
    else if (ev.battlefield) s.queue.eventShift += ev.battlefield;
  }
  const front = s.queue.eventShift;
  const tail = skipped ? " (no pardon wave yet: no effect)" : ev.battlefield === "random" ? ` (the front shifts ${front > 0 ? "in Russia's favour" : "in Ukraine's favour"} at the round's end)` : "";
  // The tracks it moved, each with its cause; an effect that waits (paused aid, the hawks' bonus) in the card's own words.
  const shown = moved.filter(Boolean);
  const later = !skipped && !shown.length && (ev.pausesAid || ev.pressureBonus) ? ` ${effectText(sc, { event: ev }, { secret: false })}` : "";
  const tracks = shown.map((m) => ` ${m}.`).join("") + later;
  announce(c, "event", `Event: ${ev.title}. ${ev.text}${tail}${tracks}`, { event: ev.id, skipped: !!skipped });
  // Unity can cross the EU's blocking line, which changes who must consent to relief.
  settleClauses(c);
}

/** Resolves a round in the order of DESIGN §2.5, then opens the next round or the signing. */
export function endRound(c: Ctx): void {
  const { s, sc } = c;
  // 1. Seat motions: approved ones take effect, unapproved ones lapse.
  for (const m of s.motions) {
    if (m.status === "pending") {
      m.status = "lapsed";
      announce(c, "motion", `The motion to make ${nameOf(c, m.delegation)} ${article(m.seat)} lapses without a ruling.`, { motion: m.id });
    } else if (m.status === "approved") {
      m.status = "passed";
      const d = s.delegations[m.delegation];
      const up = SEAT_RANK[m.seat] > SEAT_RANK[d.seat];
      d.seat = m.seat;
      if (m.sponsor === "RU" && m.delegation === "BY" && up) nudge(c, "autonomy", sc.sponsoredSeatAutonomy, "Belarus took a seat Russia sponsored");
      announce(c, "seat", `${nameOf(c, m.delegation)} now sits as ${article(m.seat)}.`, { delegation: m.delegation, seat: m.seat, sponsor: m.sponsor });
    }
  }
  // Unanswered staging requests count as allowed: the troops are already there (¶8).
  if (s.stagingOpen) {
    s.stagingOpen = false;
    allowStaging(c, "Belarus did not answer Russia's staging request; the troops move through anyway.");
  }
  settleClauses(c);
  // 2. The front moves.
  const q = s.queue;
  const causes = [
    [q.pressure * frontShift(sc, "pressure"), "Russian pressure"],
    [q.stagingAllowed * sc.staging.allowBattlefield, "staging through Belarus"],
    [q.aidPackages * frontShift(sc, "aidPackage"), "European aid"],
    [q.counteroffensives * frontShift(sc, "counteroffensive"), "Ukraine's counteroffensive"],
    [s.usAid === "paused" ? frontShift(sc, "pauseAid") : 0, "paused US aid"],
    [q.eventShift, "the event"],
  ] as const;
  const drift = causes.reduce((sum, [d]) => sum + d, 0);
  const parts = causes.filter(([d]) => d !== 0).map(([d, what]) => `${what} ${signedNumber(d)}`).join(", ");
  const before = s.battlefield;
  const front = shift(c, "battlefield", drift, parts);
  if (front) {
    announce(c, "battlefield", `The front moves ${drift > 0 ? "in Russia's favour" : "in Ukraine's favour"}. ${front}.`, { from: before, to: s.battlefield });
  } else if (parts) {
    // Pushes that cancel out (or meet the end of the scale) are part of the story too.
    announce(c, "battlefield", `The front holds (battlefield ${signedNumber(s.battlefield)}): ${parts}.`, { from: before, to: s.battlefield });
  }
  // 3. Momentum follows agreement on the core of the deal, not on Minsk's extras (¶12).
  const why = q.coreAgreed ? "a core clause was agreed this round" : "no core clause (ceasefire, withdrawal, aid, neutrality, territory, Ukraine's guarantees) was agreed this round";
  const moved = shift(c, "momentum", q.coreAgreed ? 1 : -1, why);
  announce(c, "momentum", moved ? `${moved}.` : `Momentum stays at ${s.momentum}: ${why}.`, { momentum: s.momentum, coreAgreed: q.coreAgreed });
  // 4. End checks.
  const early: OutcomeId | "" =
    s.battlefield >= sc.tracks.battlefield.max ? "ukraine_falls"
    : s.battlefield <= sc.tracks.battlefield.min ? "moscow_defeated"
    : s.momentum <= sc.tracks.momentum.min ? "collapse"
    : "";
  if (early) return finish(c, early);
  // 5. The next round, or the signing.
  if (s.round >= s.config.rounds) return startSigning(c);
  beginRound(c);
}

export function startSigning(c: Ctx): void {
  const { s } = c;
  s.phase = "signing";
  s.event = "";
  clearReady(s);
  for (const code of DELEGATIONS) s.delegations[code].influence = 0;
  setTimer(c, s.config.roundSeconds);
  announce(c, "phase", "The talks close. Each party now signs the treaty or refuses.", { phase: "signing" });
  if (parties(s).length === 0) finish(c);
}

export const parties = (s: GameState): Code[] => DELEGATIONS.filter((code) => s.delegations[code].seat === "party");

/** Ends the game, early (`ended`) or after signing, and scores it. */
export function finish(c: Ctx, ended: OutcomeId | "" = ""): void {
  const { s, sc } = c;
  s.ended = ended;
  s.phase = "debrief";
  s.deadline = 0;
  s.remaining = 0;
  s.paused = false;
  s.event = "";
  s.stagingOpen = false;
  s.outcome = finalOutcome(s);
  const o = sc.outcomes[s.outcome.id];
  announce(c, "outcome", `Outcome: ${o.title}. ${o.note}`, { outcome: s.outcome.id });
}

/** Moves the game on from the current phase, as `advance` or an expired timer does. */
export function advancePhase(c: Ctx): void {
  switch (c.s.phase) {
    case "briefing":
      return beginRound(c);
    case "round":
      return endRound(c);
    case "signing":
      return finish(c);
    default:
      return;
  }
}

/**
 * Solo pacing: how long a round waits for the player once every bot is done (ready) — 45 s of a
 * 5-minute round, a quarter of shorter ones.
 */
export const soloIdleSeconds = (roundSeconds: number): number => Math.min(45, Math.ceil(roundSeconds / 4));

/**
 * In a solo round, once every bot is ready the round's timer is brought down to a short
 * countdown, and each move of the player (`by`) starts that countdown again: the round moves on
 * soon after the player stops acting, instead of waiting out minutes in which nothing happens.
 */
export function paceSolo(c: Ctx, by?: Code): void {
  const { s } = c;
  if (!s.config.solo || s.phase !== "round" || s.paused || !s.deadline) return;
  const bots = DELEGATIONS.filter((code) => s.delegations[code].bot);
  if (bots.length === 0 || !bots.every((code) => s.delegations[code].ready)) return;
  const soon = c.now + soloIdleSeconds(s.config.roundSeconds) * 1000;
  s.deadline = by && !s.delegations[by].bot ? Math.max(s.deadline, soon) : Math.min(s.deadline, soon);
}

/** Ends a phase early once everyone who must act has: all students ready, or every party signed. */
export function settleReadiness(c: Ctx): void {
  const { s } = c;
  if (s.paused) return;
  if (s.phase === "signing") {
    if (parties(s).every((code) => s.delegations[code].signature !== "")) finish(c);
    return;
  }
  // The briefing, like a round, ends once every delegation played by students is ready (in
  // class the facilitator may also open round 1 before that).
  if (s.phase !== "briefing" && s.phase !== "round") return;
  const humans = humanPlayed(s);
  if (humans.length > 0 && humans.every((code) => s.delegations[code].ready)) return advancePhase(c);
  paceSolo(c);
}

const article = (seat: string) => (seat === "absent" ? "absent" : seat === "observer" ? "an observer" : "a party");
