/** What the table says, from the public state: the words every arrangement lays out. */
import type { Clause, Code } from "../../shared/rules/types.ts";
import { SIGNAL_ICON, clauseLabel, clauseRef, clauseShort, eventCard, outcomeTitle, seatLabel, signed, tracks } from "../model/format.ts";
import { CODES, nameOf, stanceMark } from "../model/palette.ts";
import type { PublicState } from "../model/publicState.ts";

/** At most this many clause cards are laid out; the treaty panel lists every clause. */
export const MAX_CARDS = 12;

/** "Party · ◆3 · 2 students"; compact: the seat on one line, influence and who plays on the next. */
export function seatStatus(p: PublicState, c: Code, compact = false): string {
  const d = p.delegations[c];
  const who = d.bot ? "bot" : d.members.length === 1 ? "1 student" : d.members.length ? `${d.members.length} students` : "";
  if (compact) return `${seatLabel(d.seat)}\n◆${d.influence}${who ? ` ${who}` : ""}`;
  return [seatLabel(d.seat), `◆${d.influence}`, who].filter(Boolean).join(" · ");
}

export function seatBadges(p: PublicState, c: Code): string {
  const d = p.delegations[c];
  return `${p.chair === c ? "★" : ""}${d.ready ? "✓" : ""}${d.signature === "signed" ? "✍" : d.signature === "refused" ? "✗" : ""}`;
}

export function seatIcons(p: PublicState, c: Code): string {
  return p.signals
    .filter((s) => s.delegation === c && s.round === p.round)
    .map((s) => SIGNAL_ICON[s.signal] ?? "•")
    .join("");
}

export function liveClauses(p: PublicState): Clause[] {
  return p.clauses.filter((c) => c.status !== "struck" && c.status !== "superseded");
}

/** The parties whose stances a card shows (all stance holders when nobody is a party). */
export function stanceCodes(p: PublicState, c: Clause): Code[] {
  const parties = CODES.filter((x) => p.delegations[x].seat === "party");
  return parties.length ? parties : (Object.keys(c.stances) as Code[]);
}

export function chipText(c: Clause, code: Code): string {
  return `${code}${stanceMark(c.stances[code])}`;
}

export function cardTitle(c: Clause): string {
  return `${clauseLabel(c.type)}${c.status === "suggested" ? " (suggested)" : c.status === "agreed" ? " (agreed)" : ""}`;
}

export function cardDetail(c: Clause): string {
  return clauseShort(c.type, c.params);
}

export function cardFull(c: Clause): string {
  const d = cardDetail(c);
  return `${cardTitle(c)}${d ? ` — ${d}` : ""} ${clauseRef(c.type)} · proposed by ${nameOf(c.proposer)}`.trim();
}

export function gaugeText(p: PublicState): Record<"momentum" | "battlefield" | "euUnity", string> {
  return {
    momentum: `Momentum ${p.momentum}/${tracks.momentum.max}`,
    battlefield: `Battlefield ${signed(p.battlefield)}`,
    euUnity: `EU unity ${p.euUnity}/${tracks.euUnity.max}`,
  };
}

/** Lines under the cards: open motions and the venue. */
export function noteTexts(p: PublicState): string[] {
  const out = p.motions
    .filter((m) => m.status === "pending" || m.status === "approved")
    .map((m) => `Motion: ${m.delegation} → ${seatLabel(m.seat).toLowerCase()} (moved by ${m.sponsor}) · ${m.status}`);
  if (p.venue) out.push(`Venue: ${p.venue}${p.venueVetoed ? " (Minsk vetoed)" : ""}`);
  else if (p.venueVetoed) out.push("Venue vetoed: the chair chooses another");
  return out;
}

export function eventTexts(p: PublicState): { title: string; text: string } | null {
  const e = eventCard(p.event);
  return e ? { title: `${e.title}  ${e.ref}`, text: e.text } : null;
}

export function outcomeText(p: PublicState): string {
  return p.outcome ? outcomeTitle(p.outcome.id) : "";
}

/** The absent delegation whose token waits at the anteroom's door: a motion to seat it is open. */
export function atDoor(p: PublicState): Code | null {
  const m = p.motions.find((x) => (x.status === "pending" || x.status === "approved") && x.seat !== "absent" && p.delegations[x.delegation]?.seat === "absent");
  return m ? m.delegation : null;
}
