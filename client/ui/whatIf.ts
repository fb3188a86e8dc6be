/**
 * "What if the bots played on from here?": the panel the replay opens at its current position.
 * The replay (client/replay) owns the position; this panel asks the server to play the rest of
 * the game out many times from there, optionally with one decision flipped, and shows how the
 * outcome distribution shifts against the actual result.
 */
import type { Action, GameState, Who } from "../../shared/rules/types.ts";

/** What the replay tells the panel. */
export interface WhatIfHost {
  /** The game's join code. */
  code: string;
  /** The credential sent as `Authorization: Bearer …` (facilitator token, or a solo player's token). */
  auth: string;
  /**
   * Where the replay stands: `at` engine log entries applied (0 = the game's start), the round
   * shown, the exact engine state there, and the next logged entry (the decision one may flip).
   */
  position(): { at: number; round: number; state: GameState; next?: { who: Who; action: Action } };
}

export interface WhatIfPanel {
  readonly el: HTMLElement;
  /** The replay moved: refresh what the panel offers (flip choices, the "from here" label). */
  update(): void;
  destroy(): void;
}

export function mountWhatIf(host: WhatIfHost): WhatIfPanel {
  const el = document.createElement("section");
  el.className = "panel what-if";
  return { el, update: () => undefined, destroy: () => el.remove() };
}
