/**
 * What the treaty panel says about a clause: who still has to support it for it to be agreed
 * (DESIGN §2.4, mirrored for display only — the engine decides) and which of the viewer's own
 * aims it would hurt (a red-line warning drawn from the aims on the viewer's own briefing).
 */
import type { Actor, AimView, Clause, Code } from "../../shared/rules/types.ts";
import type { Condition } from "../../shared/scenario/types.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import { isCode } from "./palette.ts";
import type { PublicState } from "./publicState.ts";

/** Delegations whose support the clause needs, in seat order, without duplicates. */
export function requiredSupporters(c: Clause, p: Pick<PublicState, "chair" | "euUnity" | "delegations">): Code[] {
  const need = new Set<Code>(["RU", "UA", p.chair]);
  const list: Actor[] = [...(c.params.guarantors ?? []), ...(c.params.contributors ?? [])];
  if (c.type === "guaranteesUkraine" || c.type === "guaranteesBelarus" || c.type === "peacekeepers")
    for (const a of list) if (isCode(a)) need.add(a);
  if (c.type === "sanctionsRelief" && c.params.issuer === "EU" && p.euUnity > minskWindow.euBlockUnity) need.add("EU");
  const aboutBelarus = c.type === "guaranteesBelarus" || (c.type === "sanctionsRelief" && c.params.target === "BY");
  if (aboutBelarus && p.delegations.BY.seat === "party") need.add("BY");
  return [...need];
}

/** Required supporters who do not support yet. */
export function missingSupport(c: Clause, p: Pick<PublicState, "chair" | "euUnity" | "delegations">): Code[] {
  return requiredSupporters(c, p).filter((code) => c.stances[code] !== "support");
}

function matches(cond: Condition, c: Clause): boolean {
  if ("inForce" in cond) {
    if (!cond.inForce.includes(c.type)) return false;
    const pr = c.params;
    if (cond.target && pr.target !== cond.target) return false;
    if (cond.issuer && pr.issuer !== cond.issuer) return false;
    if (cond.level && pr.level !== cond.level) return false;
    if (cond.condition && pr.condition !== cond.condition) return false;
    if (cond.lists) {
      const listed = [...(pr.guarantors ?? []), ...(pr.contributors ?? [])];
      if (!cond.lists.some((a) => listed.includes(a))) return false;
    }
    return true;
  }
  if ("all" in cond) return cond.all.some((x) => matches(x, c)) && cond.all.every((x) => "inForce" in x ? matches(x, c) : true);
  if ("any" in cond) return cond.any.some((x) => matches(x, c));
  return false;
}

/** The viewer's aims (from its briefing) with negative points that this clause, once in force, would trigger. */
export function redLines(aims: readonly AimView[], c: Clause): AimView[] {
  return aims.filter((o) => o.points < 0 && matches(o.when, c));
}

export function statusLabel(status: string): string {
  switch (status) {
    case "suggested":
      return "Suggested by an observer";
    case "proposed":
      return "Proposed";
    case "agreed":
      return "Agreed";
    case "struck":
      return "Struck";
    case "superseded":
      return "Superseded";
    default:
      return status;
  }
}
