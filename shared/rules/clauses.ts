/**
 * Clauses: what a valid draft is, who must support a clause for it to be agreed (¶10–¶15),
 * and the one place that moves clauses between proposed, agreed and superseded.
 */
import type { Scenario } from "../scenario/types.ts";
import { scenarioOf } from "./scenario.ts";
import { announce, mine, reject, shift, type Ctx } from "./context.ts";
import {
  DELEGATIONS,
  EXTERNALS,
  type Actor,
  type Clause,
  type ClauseDraft,
  type ClauseParams,
  type Code,
  type GameState,
  type Rejection,
} from "./types.ts";

const ORDER: readonly string[] = [...DELEGATIONS, ...EXTERNALS];
const isCode = (a: Actor): a is Code => (DELEGATIONS as readonly string[]).includes(a);

/** Checks a draft against the scenario and the state; returns its normalized parameters. */
export function validateDraft(s: GameState, sc: Scenario, draft: ClauseDraft): ClauseParams | Rejection {
  const spec = sc.clauses[draft.type];
  if (!spec) return reject("rule/bad_clause", `Unknown clause type "${String(draft.type)}".`);
  const { type: _type, ...given } = draft;
  const params: ClauseParams = {};
  const extra = (allowed: string[]) => Object.keys(given).filter((k) => given[k as keyof ClauseParams] !== undefined && !allowed.includes(k));
  const list = (key: "contributors" | "guarantors"): Actor[] | Rejection => {
    const items = given[key];
    if (!items || items.length === 0) return reject("rule/bad_clause", `A ${spec.label.toLowerCase()} clause must name ${key}.`);
    const bad = items.filter((a) => !spec.allowed?.includes(a));
    if (bad.length) return reject("rule/bad_clause", `${bad.join(", ")} cannot be among the ${key} of ${spec.label.toLowerCase()}.`);
    return [...new Set(items)].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  };
  let allowed: string[] = [];
  switch (draft.type) {
    case "peacekeepers": {
      allowed = ["contributors"];
      const l = list("contributors");
      if ("ok" in l) return l;
      if (l.includes("BY") && !s.belarus.peacekeepersOffered) {
        return reject("rule/not_offered", "Belarus can contribute peacekeepers only after it has offered them.");
      }
      params.contributors = l;
      break;
    }
    case "guaranteesUkraine":
    case "guaranteesBelarus": {
      allowed = ["guarantors"];
      const l = list("guarantors");
      if ("ok" in l) return l;
      params.guarantors = l;
      break;
    }
    case "sanctionsRelief": {
      allowed = ["target", "issuer", "level", "condition"];
      if (!given.target || !given.issuer || !given.level) {
        return reject("rule/bad_clause", "Sanctions relief needs a target (RU or BY), an issuer (US or EU) and a level.");
      }
      if (given.target === "BY") {
        return reject("rule/parity_only", "Relief for Belarus comes only as a parity claim on agreed relief for Russia (¶14).");
      }
      if (given.condition) return reject("rule/bad_clause", "Relief for Russia carries no condition.");
      params.target = given.target;
      params.issuer = given.issuer;
      params.level = given.level;
      break;
    }
    default:
      break;
  }
  const unknown = extra(allowed);
  if (unknown.length) return reject("rule/bad_clause", `${spec.label} takes no ${unknown.join(", ")}.`);
  if (spec.needs && !s.clauses.some((cl) => cl.type === spec.needs && (cl.status === "proposed" || cl.status === "agreed"))) {
    return reject("rule/needs_clause", `${spec.label} needs a ${sc.clauses[spec.needs].label.toLowerCase()} on the table first.`);
  }
  const key = JSON.stringify([draft.type, params]);
  if (s.clauses.some((cl) => (cl.status === "proposed" || cl.status === "agreed" || cl.status === "suggested") && JSON.stringify([cl.type, cl.params]) === key)) {
    return reject("rule/duplicate", "The same clause is already on the table.");
  }
  return params;
}

/** Clauses in the same slot supersede each other: one per type, or per target and issuer for relief. */
export const slotOf = (cl: Pick<Clause, "type" | "params">): string =>
  cl.type === "sanctionsRelief" ? `${cl.type}:${cl.params.target}:${cl.params.issuer}` : cl.type;

/** Delegations whose support a clause needs to be agreed (DESIGN §2.4), each once, in this order. */
export function neededSupport(s: GameState, sc: Scenario, cl: Pick<Clause, "type" | "params">): Code[] {
  const need: Code[] = ["RU", "UA"];
  const add = (code: Code) => {
    if (!need.includes(code)) need.push(code);
  };
  add(s.chair);
  for (const a of cl.params.guarantors ?? []) if (isCode(a)) add(a);
  for (const a of cl.params.contributors ?? []) if (isCode(a)) add(a);
  if (euConsents(s, sc, cl)) add("EU");
  if (belarusConsents(s, cl)) add("BY");
  return need;
}

/** Relief the EU issues needs its consent while its unity is above the blocking line. */
const euConsents = (s: GameState, sc: Scenario, cl: Pick<Clause, "type" | "params">): boolean =>
  cl.type === "sanctionsRelief" && cl.params.issuer === "EU" && s.euUnity > sc.euBlockUnity;
/** A clause about Belarus needs Belarus's consent once it sits as a party. */
const belarusConsents = (s: GameState, cl: Pick<Clause, "type" | "params">): boolean =>
  (cl.type === "guaranteesBelarus" || (cl.type === "sanctionsRelief" && cl.params.target === "BY")) && s.delegations.BY.seat === "party";

/** Who still has to support a clause (and be a party) before it is agreed. */
export function missingSupport(s: GameState, sc: Scenario, cl: Clause): Code[] {
  return neededSupport(s, sc, cl).filter((code) => !backs(s, cl, code));
}

/**
 * A party supporting the clause, in a way that counts: Moscow's support for guarantees that
 * name Belarus does not count while its trust in Minsk is below the floor (¶11).
 */
const backs = (s: GameState, cl: Clause, code: Code): boolean =>
  s.delegations[code].seat === "party" && cl.stances[code] === "support" && !(code === "RU" && moscowWithholds(s, cl));

/** Moscow will not name Minsk a guarantor while it does not trust it (¶6, ¶11). */
export const moscowWithholds = (s: GameState, cl: Pick<Clause, "type" | "params">): boolean =>
  cl.type === "guaranteesUkraine" && !!cl.params.guarantors?.includes("BY") && s.belarus.trust < scenarioFloor(s);
const scenarioFloor = (s: GameState): number => scenarioOf(s.scenario).trustFloor;

/** Agreed relief for Russia from this issuer (¶14). */
export const russianRelief = (s: GameState, issuer: "US" | "EU" | undefined): Clause | undefined =>
  s.clauses.find((o) => o.status === "agreed" && o.type === "sanctionsRelief" && o.params.target === "RU" && o.params.issuer === issuer);

/**
 * Relief for Belarus stands only on agreed relief for Russia from the same issuer (¶14) and,
 * under the lowered bar, after at least one pardon wave (¶15).
 */
export const reliefStands = (s: GameState, cl: Pick<Clause, "type" | "params">): boolean =>
  cl.type !== "sanctionsRelief" || cl.params.target !== "BY" ||
  (!!russianRelief(s, cl.params.issuer) && (cl.params.condition !== "prisoners" || s.belarus.pardonWaves > 0));
/** Delegations named in a clause's lists must hold a party's seat (and, needed as they are, support it). */
const listBacks = (s: GameState, cl: Clause, list: Actor[] | undefined): boolean => {
  for (const a of list ?? []) if (isCode(a) && !backs(s, cl, a)) return false;
  return true;
};

/** `missingSupport` is empty and the clause it needs is agreed — asked without building a list (settled after every move). */
function agreeable(s: GameState, sc: Scenario, cl: Clause): boolean {
  if (!backs(s, cl, "RU") || !backs(s, cl, "UA") || !backs(s, cl, s.chair)) return false;
  if (!listBacks(s, cl, cl.params.guarantors) || !listBacks(s, cl, cl.params.contributors)) return false;
  if (euConsents(s, sc, cl) && !backs(s, cl, "EU")) return false;
  if (belarusConsents(s, cl) && !backs(s, cl, "BY")) return false;
  if (!reliefStands(s, cl)) return false;
  const needs = sc.clauses[cl.type].needs;
  if (needs && !s.clauses.some((o) => o.type === needs && o.status === "agreed")) return false;
  return true;
}

/**
 * Brings every clause's status in line with the stances and seats. Runs after anything that can
 * change support; repeats because a clause can depend on another (withdrawal on ceasefire).
 */
export function settleClauses(c: Ctx): void {
  const { s, sc } = c;
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const cl of s.clauses) {
      if (cl.status === "agreed" && !agreeable(s, sc, cl)) {
        mine(c, cl).status = "proposed";
        changed = true;
        announce(c, "unagreed", `${describe(sc, cl)} is no longer agreed.`, { clause: cl.id });
      } else if (cl.status === "proposed" && agreeable(s, sc, cl)) {
        const replaced = s.clauses.filter((old) => old !== cl && old.status === "agreed" && slotOf(old) === slotOf(cl));
        for (const old of replaced) mine(c, old).status = "superseded";
        // What an agreement sets off (momentum, strain) happens once per clause: withdrawing support
        // and giving it back costs nothing, so a re-agreement must not pay out again.
        const first = !cl.agreedOnce;
        const own = mine(c, cl);
        own.status = "agreed";
        own.agreedOnce = true;
        if (first && sc.coreClauses.includes(cl.type)) s.queue.coreAgreed = true;
        changed = true;
        announce(c, "agreed", `Agreed: ${describe(sc, cl)}.`, { clause: cl.id });
        for (const old of replaced) announce(c, "superseded", `It supersedes the earlier agreement: ${describe(sc, old)}.`, { clause: old.id, by: cl.id });
        // US relief for Russia over Europe's head strains the West (¶18–¶19).
        if (first && cl.type === "sanctionsRelief" && cl.params.target === "RU" && cl.params.issuer === "US" && cl.stances.EU !== "support") {
          const moved = shift(c, "euUnity", sc.strain.reliefOverEurope, "US relief for Russia agreed without the EU's support (¶18–¶19)");
          if (moved) announce(c, "track", `${moved}.`, { track: "euUnity" });
        }
      }
    }
    if (!changed) break;
  }
  // The EU's price for Minsk drops only while its dissenters block it (¶18–¶19).
  const euBar = s.euUnity <= sc.euBlockUnity ? "prisoners" : "democratization";
  if (s.byCondition.EU !== euBar) s.byCondition = { ...s.byCondition, EU: euBar };
  // Sanctions tracks mirror the agreed relief clauses.
  for (const target of ["RU", "BY"] as const) {
    for (const issuer of ["US", "EU"] as const) {
      const relief = s.clauses.find((cl) => cl.status === "agreed" && cl.type === "sanctionsRelief" && cl.params.target === target && cl.params.issuer === issuer);
      s.sanctions[target][issuer] = !relief ? "full" : relief.params.level === "full" ? "none" : "partial";
    }
  }
}

/** A clause in words, for the table log and the treaty panel. */
export function describe(sc: Scenario, cl: Pick<Clause, "type" | "params">): string {
  const names = (xs: Actor[] | undefined) => (xs ?? []).map((a) => sc.names[a]).join(", ");
  const p = cl.params;
  switch (cl.type) {
    case "peacekeepers":
      return `Peacekeepers from ${names(p.contributors)}`;
    case "guaranteesUkraine":
      return `Guarantees for Ukraine by ${names(p.guarantors)}`;
    case "guaranteesBelarus":
      return `Guarantees for Belarus by ${names(p.guarantors)}`;
    case "sanctionsRelief":
      return `${p.level === "full" ? "Full" : "Partial"} ${p.issuer} sanctions relief for ${sc.names[p.target!]}` +
        (p.condition ? ` (condition: ${p.condition === "prisoners" ? "prisoner releases" : "democratization"})` : "");
    default:
      return sc.clauses[cl.type].label;
  }
}
