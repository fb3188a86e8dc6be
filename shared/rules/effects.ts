/**
 * What a signal or an event card does to the tracks, as data read from the scenario, and the
 * same in plain words. One source: the engine applies these effects (moves.ts, phases.ts), the
 * rulebook prints `effectText`, the log and the buttons can show it.
 */
import type { EventSpec, PublicScenario } from "../scenario/types.ts";
import type { Signal, TrackName } from "./types.ts";

export type PublicTrack = "momentum" | "battlefield" | "euUnity";
export type PrivateTrack = "autonomy" | "trust" | "usFavour";

export const TRACK_WORDS: Record<TrackName, string> = {
  momentum: "Momentum",
  battlefield: "Battlefield",
  euUnity: "EU unity",
  autonomy: "Belarus's autonomy",
  trust: "Moscow's trust in Minsk",
  usFavour: "Belarus's US favour",
};

export const isPrivate = (t: TrackName): t is PrivateTrack => t === "autonomy" || t === "trust" || t === "usFavour";

/** One effect on a track: at once, or queued for the round's end (the front moves only then). */
export interface Effect {
  track: TrackName;
  delta: number;
  at: "now" | "roundEnd";
}

/** What each signal says its delegation did, for the cause of a change: "Russia pressed on the front". */
export const SIGNAL_VERBS: Record<Signal, string> = {
  pressure: "pressed on the front",
  stagingRequest: "asked Belarus to let its forces stage",
  counteroffensive: "launched a counteroffensive",
  appealToAllies: "appealed to its allies",
  pauseAid: "paused military aid",
  resumeAid: "resumed military aid",
  lowerTheBar: "lowered its bar for Minsk over Europe's head (¶18–¶19)",
  dealPressure: "leaned on a side to make a deal",
  aidPackage: "sent an aid package",
  unitySummit: "held a unity summit",
  pardonWave: "made a pardon wave",
  nobelPledge: "pledged a Nobel nomination",
  peaceFormula: "published its peace formula",
  offerPeacekeepers: "offered peacekeepers",
};

/** A signal's effects on the tracks, with the numbers the scenario gives. */
export function signalEffects(sc: PublicScenario, sig: Signal): Effect[] {
  const now = (track: TrackName, delta: number): Effect => ({ track, delta, at: "now" });
  const later = (delta: number): Effect => ({ track: "battlefield", delta, at: "roundEnd" });
  const own: Record<Signal, Effect[]> = {
    pressure: [now("momentum", -1), later(1)],
    stagingRequest: [],
    counteroffensive: [now("momentum", -1), later(-1)],
    appealToAllies: [now("euUnity", 1)],
    pauseAid: [later(1)],
    resumeAid: [],
    lowerTheBar: [now("euUnity", sc.strain.lowerTheBar)],
    dealPressure: [now("momentum", sc.dealPressure.momentum)],
    aidPackage: [later(-1)],
    unitySummit: [now("euUnity", 1)],
    pardonWave: [now("usFavour", 1)],
    nobelPledge: [now("usFavour", 1)],
    // Standing for Minsk, not momentum: Minsk is not the engine of the talks (¶12).
    peaceFormula: [now("autonomy", 1)],
    offerPeacekeepers: [now("autonomy", 1)],
  };
  const trust = sc.signals[sig].trust;
  return [...own[sig], ...(trust ? [now("trust", trust)] : [])];
}

/** How far one `sig` moves the front at the round's end. */
export const frontShift = (sc: PublicScenario, sig: Signal): number =>
  signalEffects(sc, sig).filter((e) => e.at === "roundEnd").reduce((n, e) => n + e.delta, 0);

const n = (x: number): string => (x > 0 ? `+${x}` : x < 0 ? `−${-x}` : "0");
const front = (d: number): string => `the front moves ${d > 0 ? "toward Russia" : "toward Ukraine"} (battlefield ${n(d)})`;

function words(e: Effect): string {
  if (e.track === "battlefield") return `${front(e.delta)} at the round's end`;
  return `${TRACK_WORDS[e.track]} ${n(e.delta)}`;
}

const sentence = (parts: string[]): string => (parts.length ? `${parts.join("; ")}.` : "");
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A signal's or an event card's effect in plain words, from the scenario's numbers:
 * "Momentum −1; the front moves toward Russia (battlefield +1) at the round's end."
 * `secret: false` leaves out Belarus's private tracks (for the public table).
 */
export function effectText(sc: PublicScenario, what: { signal: Signal } | { event: EventSpec }, opts: { secret?: boolean } = {}): string {
  const secret = opts.secret ?? true;
  const keep = (e: Effect) => secret || !isPrivate(e.track);
  if ("signal" in what) {
    const sig = what.signal;
    const parts = signalEffects(sc, sig).filter(keep).map(words);
    const st = sc.staging;
    const extra: Partial<Record<Signal, string>> = {
      pressure: `while a ceasefire is agreed it is a violation: Momentum ${n(sc.violationMomentum)} more`,
      counteroffensive: `while a ceasefire is agreed it is a violation: Momentum ${n(sc.violationMomentum)} more`,
      stagingRequest: `Belarus allows (${front(st.allowBattlefield)} at the round's end${secret ? `, autonomy ${n(st.allowAutonomy)}, Moscow's trust ${n(st.allowTrust)}` : ""}) or refuses (${secret ? `autonomy ${n(st.refuseAutonomy)}, Moscow's trust ${n(st.refuseTrust)}, ` : ""}${st.refusePenalty} less influence next round); no answer counts as allowed`,
      pauseAid: "at every round's end while aid stays paused",
      resumeAid: "US aid flows again: the paused-aid push on the front stops",
      lowerTheBar: "the US price for relief to Belarus drops to prisoner releases",
      dealPressure: `the target gets ${sc.dealPressure.penalty} less influence next round`,
      pardonWave: "relief priced at prisoner releases needs one",
    };
    const more = extra[sig];
    if (sig === "pauseAid") return `The front moves toward Russia (battlefield ${n(frontShift(sc, sig))}) ${more}.`;
    return cap(sentence([...parts, ...(more ? [more] : [])]));
  }
  const ev = what.event;
  const parts: string[] = [];
  if (ev.momentum) parts.push(`Momentum ${n(ev.momentum)}`);
  if (ev.euUnity) parts.push(`EU unity ${n(ev.euUnity)}`);
  if (secret && ev.autonomy) parts.push(`Belarus's autonomy ${n(ev.autonomy)}`);
  if (secret && ev.usFavour) parts.push(`Belarus's US favour ${n(ev.usFavour)}`);
  if (ev.pausesAid) parts.push("US aid is paused (the front moves toward Russia by 1 at every round's end until the US resumes it)");
  if (ev.battlefield === "random") parts.push("the front moves 1 either way (by chance) at the round's end");
  else if (ev.battlefield) parts.push(`${front(ev.battlefield)} at the round's end`);
  if (ev.pressureBonus) parts.push(`Russia may spend ${ev.pressureBonus} extra influence on pressure this round`);
  const text = parts.length ? cap(sentence(parts)) : "No effect on the public tracks.";
  return ev.needsPardon ? `${text.replace(/\.$/, "")}, only if Belarus has made a pardon wave.` : text;
}
