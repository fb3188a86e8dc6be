/**
 * The clause builder's form, as data: which parameters each clause type takes and how to turn
 * the chosen values into an action the protocol's schema accepts. The form is checked with the
 * same zod schema the server uses before anything is sent.
 */
import type { Actor, ClauseDraft, ClauseType } from "../../shared/rules/types.ts";
import { CLAUSE_TYPES } from "../../shared/rules/types.ts";
import type { Parsed } from "../../shared/protocol/actions.ts";
import type { PlayerAction } from "../../shared/rules/types.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";

export type ParamField =
  | { key: "guarantors" | "contributors"; kind: "list"; options: Actor[] }
  | { key: "target"; kind: "choice"; options: ["RU"] }
  | { key: "issuer"; kind: "choice"; options: ["US", "EU"] }
  | { key: "level"; kind: "choice"; options: ["partial", "full"] }
  | { key: "condition"; kind: "choice"; options: ["democratization", "prisoners"] };

export const CLAUSE_TYPE_LIST: readonly ClauseType[] = CLAUSE_TYPES;

/**
 * The parameters a clause type takes. Relief is tabled for Russia only: relief for Belarus
 * comes as a parity claim (¶14), its condition set by the issuer's price.
 */
export function fieldsFor(type: ClauseType, _target?: string): ParamField[] {
  const allowed = minskWindow.clauses[type].allowed ?? [];
  switch (type) {
    case "peacekeepers":
      return [{ key: "contributors", kind: "list", options: allowed }];
    case "guaranteesUkraine":
    case "guaranteesBelarus":
      return [{ key: "guarantors", kind: "list", options: allowed }];
    case "sanctionsRelief": {
      return [
        { key: "target", kind: "choice", options: ["RU"] },
        { key: "issuer", kind: "choice", options: ["US", "EU"] },
        { key: "level", kind: "choice", options: ["partial", "full"] },
      ];
    }
    default:
      return [];
  }
}

export interface DraftValues {
  type: ClauseType;
  lists: Partial<Record<"guarantors" | "contributors", Actor[]>>;
  choices: Partial<Record<"target" | "issuer" | "level" | "condition", string>>;
}

/** Builds the draft with only the fields its type takes; lists are sorted like the engine's. */
export function buildDraft(v: DraftValues): ClauseDraft {
  const draft: Record<string, unknown> = { type: v.type };
  for (const f of fieldsFor(v.type, v.choices.target)) {
    if (f.kind === "list") {
      const picked = (v.lists[f.key] ?? []).filter((a) => f.options.includes(a));
      draft[f.key] = [...picked].sort();
    } else {
      const chosen = v.choices[f.key];
      draft[f.key] = chosen !== undefined && (f.options as readonly string[]).includes(chosen) ? chosen : f.options[0];
    }
  }
  return draft as unknown as ClauseDraft;
}

/**
 * The propose (party) or suggest (observer) action for a draft, checked against the protocol's
 * schema. Async because the schema library is loaded only when someone drafts a clause.
 */
export async function draftAction(kind: "propose" | "suggest", v: DraftValues): Promise<Parsed<PlayerAction>> {
  const { parseAction } = await import("../../shared/protocol/actions.ts");
  return parseAction({ type: kind, clause: buildDraft(v) });
}
