/**
 * Belarus's private tracks in plain words for its briefing: what each one does and what moves
 * it, with the numbers read from the scenario so the sheet says what the engine plays.
 */
import type { BelarusState } from "../../shared/rules/types.ts";
import type { PublicScenario } from "../../shared/scenario/types.ts";

export interface TrackRow {
  key: "autonomy" | "trust" | "usFavour";
  name: string;
  value: number;
  max: number;
  /** What the track does. */
  does: string;
  /** What moves it, with the amounts. */
  moves: string;
  /** A warning that holds right now, or "". */
  alert: string;
  ref: string;
}

/** Belarus's signals toward the West, as the sheet names them. */
const WEST = ["peaceFormula", "pardonWave", "nobelPledge"] as const;
const WORDS: Record<(typeof WEST)[number], string> = { peaceFormula: "the peace formula", pardonWave: "a pardon wave", nobelPledge: "the Nobel pledge" };

const n = (x: number): string => (x > 0 ? `+${x}` : x < 0 ? `−${-x}` : "0");

export function belarusTrackRows(by: BelarusState, sc: PublicScenario): TrackRow[] {
  const st = sc.staging;
  const t = sc.tracks;
  const sig = sc.signals;
  return [
    {
      key: "autonomy",
      name: "Autonomy",
      value: by.autonomy,
      max: t.autonomy.max,
      does: "How independent Minsk looks beside Moscow. Your secret aim pays for 6 or more.",
      moves: `Up: refusing staging ${n(st.refuseAutonomy)}, the peace formula +1, offering peacekeepers +1. Down: allowing staging ${n(st.allowAutonomy)}, a seat Russia sponsors ${n(sc.sponsoredSeatAutonomy)}.`,
      alert: "",
      ref: "¶6",
    },
    {
      key: "trust",
      name: "Moscow's trust",
      value: by.trust,
      max: t.trust.max,
      does: `Whether Moscow still counts on Minsk. Below ${sc.trustFloor}, Russia cannot sponsor your seat and its support for you as Ukraine's guarantor does not count. Only a Russian motion can seat you: show Moscow you are loyal — ask it for the seat in a back channel, allow its staging, support its clauses — before a ceasefire closes the format.`,
      moves: `Up: allowing staging ${n(st.allowTrust)} (an unanswered request counts as allowed), supporting a clause Russia proposed ${n(sc.backRussiaTrust)} (once per clause). Down: refusing staging ${n(st.refuseTrust)}, ${WEST.filter((k) => sig[k].trust).map((k) => `${WORDS[k]} ${n(sig[k].trust!)}`).join(", ")}.`,
      alert: by.trust < sc.trustFloor ? `Below ${sc.trustFloor} now: Moscow will not sponsor your seat or back you as a guarantor.` : "",
      ref: "¶6, ¶8, ¶11",
    },
    {
      key: "usFavour",
      name: "US favour",
      value: by.usFavour,
      max: t.usFavour.max,
      does: `Washington's goodwill. On its own it opens no seat and no relief. At ${sc.lowerBarFavour} or more the US may lower its price for your relief to prisoner releases, once US relief for Russia is on the table.`,
      moves: "Up: a pardon wave +1, the Nobel pledge +1, and some events. Nothing lowers it.",
      alert: "",
      ref: "¶1–¶3, ¶15",
    },
  ];
}
