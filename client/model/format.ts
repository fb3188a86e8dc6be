/** Formatting shared by the DOM panels and the Phaser scene. Pure, so Node tests can cover it. */
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import type { ClauseParams, ClauseType, Seat } from "../../shared/rules/types.ts";
import { nameOf } from "./palette.ts";

const scenario = minskWindow;

/** "04:07" from milliseconds left; never negative. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** Milliseconds left on the phase timer, or null when the phase has none. */
export function timeLeft(p: { deadline: number; paused: boolean; remaining: number }, now: number): number | null {
  if (p.paused) return p.remaining > 0 ? p.remaining : null;
  if (!p.deadline) return null;
  return Math.max(0, p.deadline - now);
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0";
}

export function seatLabel(seat: Seat | string): string {
  return seat === "party" ? "Party" : seat === "observer" ? "Observer" : "Absent";
}

export function clauseLabel(type: ClauseType | string): string {
  return (scenario.clauses as Record<string, { label: string }>)[type]?.label ?? type;
}

export function clauseRef(type: ClauseType | string): string {
  return (scenario.clauses as Record<string, { ref: string }>)[type]?.ref ?? "";
}

/** One line describing a clause's parameters: "Guarantors: United States, Türkiye". */
export function clauseDetail(type: string, params: ClauseParams): string {
  const parts: string[] = [];
  if (params.guarantors?.length) parts.push(`Guarantors: ${params.guarantors.map(nameOf).join(", ")}`);
  if (params.contributors?.length) parts.push(`Contributors: ${params.contributors.map(nameOf).join(", ")}`);
  if (type === "sanctionsRelief") {
    if (params.target) parts.push(`for ${nameOf(params.target)}`);
    if (params.issuer) parts.push(`by ${nameOf(params.issuer)}`);
    if (params.level) parts.push(params.level);
    if (params.condition) parts.push(params.condition === "prisoners" ? "if prisoners are released" : "if Minsk democratizes");
  }
  return parts.join(" · ");
}

/** A card-sized summary of the parameters, in codes: "BY · TR", "BY by EU, partial, prisoners". */
export function clauseShort(type: string, params: ClauseParams): string {
  const list = [...(params.guarantors ?? []), ...(params.contributors ?? [])];
  if (list.length) return list.join(" · ");
  if (type === "sanctionsRelief") return [`${params.target ?? "?"} by ${params.issuer ?? "?"}`, params.level, params.condition].filter(Boolean).join(", ");
  return "";
}

export function clauseTitle(type: string, params: ClauseParams): string {
  const d = clauseDetail(type, params);
  return d ? `${clauseLabel(type)} — ${d}` : clauseLabel(type);
}

export function outcomeTitle(id: string): string {
  return (scenario.outcomes as Record<string, { title: string }>)[id]?.title ?? id;
}

export function outcomeReason(id: string): { note: string; ref: string } {
  const o = (scenario.outcomes as Record<string, { note: string; ref: string }>)[id];
  return o ? { note: o.note, ref: o.ref } : { note: "", ref: "" };
}

export function eventCard(id: string): { title: string; text: string; ref: string } | null {
  const e = scenario.events.find((ev) => ev.id === id);
  return e ? { title: e.title, text: e.text, ref: e.ref } : null;
}

export function signalLabel(signal: string): string {
  return (scenario.signals as Record<string, { label: string }>)[signal]?.label ?? signal;
}

/**
 * Short glyphs drawn on a seat for signals played this round. Only symbols that common system
 * fonts carry (Misc Symbols, Dingbats, Geometric Shapes): an emoji-only glyph draws as a box.
 */
export const SIGNAL_ICON: Record<string, string> = {
  pressure: "⚔",
  stagingRequest: "⚑",
  counteroffensive: "⚔",
  appealToAllies: "✉",
  pauseAid: "‖",
  resumeAid: "▶",
  lowerTheBar: "↓",
  dealPressure: "⚖",
  aidPackage: "✚",
  unitySummit: "◎",
  pardonWave: "⚐",
  nobelPledge: "✦",
  peaceFormula: "✎",
  offerPeacekeepers: "◈",
};

export function phaseLabel(phase: string, round: number, rounds: number): string {
  switch (phase) {
    case "lobby":
      return "Lobby";
    case "briefing":
      return "Briefing";
    case "round":
      return `Round ${round}/${rounds}`;
    case "signing":
      return "Signing";
    case "debrief":
      return "Debrief";
    default:
      return phase;
  }
}

export const tracks = scenario.tracks;
