/**
 * Writes the teachers' rulebook (docs/RULES.md) from the scenario data, so the numbers a class
 * reads are the numbers the engine plays. `node scripts/rulebook.ts --check` fails when the file
 * is stale (a test runs it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { scenarios } from "../shared/scenario/index.ts";
import { ASSUMPTION } from "../shared/scenario/types.ts";
import { DELEGATIONS, type Signal } from "../shared/rules/types.ts";
import { effectText } from "../shared/rules/effects.ts";
import { soloIdleSeconds } from "../shared/rules/phases.ts";

const sc = scenarios["minsk-window"]!;

const out: string[] = [];
const line = (s = "") => out.push(s);
const t = sc.tracks;

line(`# Rulebook — ${sc.title}`);
line();
line("Generated from `shared/scenario/minskWindow.ts` by `node scripts/rulebook.ts`; the engine plays exactly these numbers.");
line(`¶N cites a paragraph of the source analysis; notes paraphrase it. *${ASSUMPTION}* marks a mechanism the game needs that the article does not describe.`);
line();
line("## Tracks");
line();
line("| track | range | start |\n|---|---|---|");
line(`| Momentum (0 ends the game: talks collapse; ${ASSUMPTION}) | ${t.momentum.min}–${t.momentum.max} | ${t.momentum.start} |`);
line(`| Battlefield (positive favours Russia; +${t.battlefield.max}: Ukraine falls, ${t.battlefield.min}: Moscow defeated; ${ASSUMPTION}) | ${t.battlefield.min}…+${t.battlefield.max} | +${t.battlefield.start} |`);
line(`| EU unity (at ${sc.euBlockUnity} or less the dissenters block the EU's say on relief and its price for Minsk drops, ¶18–¶19) | ${t.euUnity.min}–${t.euUnity.max} | ${t.euUnity.start} |`);
line(`| Belarus's autonomy (private to Belarus, ¶6) | ${t.autonomy.min}–${t.autonomy.max} | ${t.autonomy.start} |`);
line(`| Moscow's trust in Minsk (private to Belarus; below ${sc.trustFloor} Russia will not sponsor Belarus's seat nor back it as a guarantor, ¶6, ¶8, ¶11) | ${t.trust.min}–${t.trust.max} | ${t.trust.start} |`);
line(`| Belarus's US favour (private to Belarus; opens nothing by itself, ¶1–¶3) | ${t.usFavour.min}–${t.usFavour.max} | ${t.usFavour.start} |`);
line();
line(`US aid starts flowing. Sanctions on Russia and on Belarus, by the US and by the EU, start full. Belarus may make at most ${sc.maxPardonWaves} pardon waves (¶7).`);
line();
line("## Seats (¶9–¶13)");
line();
line(`Starting seats: ${DELEGATIONS.map((c) => `${sc.names[c]} ${sc.seats[c]}`).join(", ")}. ${sc.names[sc.chair]} chairs.`);
line();
line("- **absent**: back channels only; words at the table become press statements from outside the room.");
line("- **observer**: may speak at the table and suggest clauses, which a party must adopt; no stance that counts, no signature.");
line("- **party**: proposes, takes stances, signs, can be a guarantor, moves motions, torpedoes.");
line(`- **Seat motion** (${sc.costs.seatMotion} influence): the chair approves or denies (a motion the chair moves itself is approved as it is moved); approved motions take effect at the round's end, unapproved ones lapse. No seat motion once a ceasefire is agreed (¶9).`);
line(`- **A seat for Belarus** (¶11–¶12): only Russia may move to raise it (to observer or party), and only while Moscow's trust is ${sc.trustFloor} or more; it costs Belarus ${-sc.sponsoredSeatAutonomy} autonomy. The chair may deny it, but the talks lose ${-sc.denySeatMomentum} momentum. US favour opens no seat.`);
line(`- **Torpedo** (${sc.costs.torpedo} influence, momentum ${sc.torpedoMomentum}, ¶12): a party walks out over a pending motion or a clause, which fails.`);
line(`- **Venue** (¶10): the chair picks ${sc.venues.join(", ")} in the briefing; Ukraine may veto ${sc.vetoableVenue} at no cost.`);
line();
line("## Influence and moves");
line();
line(`Each round every delegation gets ${sc.influence.base} influence (the chair ${sc.influence.chair}); unspent influence is lost. Talk is free. (Influence and its costs: ${ASSUMPTION}.)`);
line(`Proposing a clause costs ${sc.costs.propose}, adopting an observer's suggestion ${sc.costs.adopt}, a stance nothing (opposing a parity clause costs ${sc.costs.opposeParity}).`);
line();
line("| delegation | move | cost | effect | why | ¶ |\n|---|---|---:|---|---|---|");
for (const [id, s] of Object.entries(sc.signals)) {
  line(`| ${sc.names[s.owner]} | ${s.label}${s.once ? " (once)" : ""} \`${id}\` | ${s.cost} | ${effectText(sc, { signal: id as Signal }) || "—"} | ${s.note} | ${s.ref} |`);
}
line();
line(`Staging request (¶8): Belarus allows (battlefield +${sc.staging.allowBattlefield} at the round's end, autonomy ${sc.staging.allowAutonomy}, Moscow's trust +${sc.staging.allowTrust}) or refuses (autonomy +${sc.staging.refuseAutonomy}, Moscow's trust ${sc.staging.refuseTrust}, ${sc.staging.refusePenalty} less influence next round); a request left unanswered counts as allowed. Moscow's trust also moves with Belarus's signals (${Object.entries(sc.signals).filter(([, s]) => s.trust).map(([, s]) => `${s.label} ${s.trust}`).join(", ")}) and rises by ${sc.backRussiaTrust} the first time Belarus supports each clause Russia proposed (¶6, ¶8). Deal pressure: the target gets ${sc.dealPressure.penalty} less influence next round, momentum +${sc.dealPressure.momentum}. Lower the bar needs Belarus's US favour ${sc.lowerBarFavour} or more and US relief for Russia on the table (¶15); it costs EU unity ${sc.strain.lowerTheBar} (¶18–¶19). Pressure or a counteroffensive while a ceasefire is agreed is a ceasefire violation: momentum ${sc.violationMomentum} more, announced to the table (${ASSUMPTION}).`);
line();
line("## Clauses (¶7, ¶10–¶15)");
line();
line("A clause is agreed while Russia, Ukraine and the chair support it, and also every delegation it names as guarantor or contributor (each must be a party), the EU for EU relief (unless EU unity is low), and Belarus for clauses about Belarus when Belarus is a party. A newly agreed clause supersedes the old one in its slot.");
line();
line(`Relief for Belarus cannot be proposed or suggested (¶14): Belarus claims parity on agreed relief for Russia, from the same issuer, at most ${sc.parityCap}, under that issuer's current price. The claim stays agreed only while relief for Russia from that issuer is agreed, and, under the prisoner-release price, once Belarus has made a pardon wave (¶15). While Moscow's trust is below ${sc.trustFloor}, Russia's support for guarantees for Ukraine that name Belarus does not count, so such a clause cannot be agreed (¶11). US relief for Russia agreed without the EU's support costs EU unity ${sc.strain.reliefOverEurope} (¶18–¶19).`);
line();
line("| clause | notes | ¶ |\n|---|---|---|");
for (const [id, c] of Object.entries(sc.clauses)) {
  const extra = [c.allowed ? `from ${c.allowed.join(", ")}` : "", c.needs ? `needs ${c.needs}` : ""].filter(Boolean).join("; ");
  line(`| ${c.label} \`${id}\` | ${c.note}${extra ? ` (${extra})` : ""} | ${c.ref} |`);
}
line();
line(`Credibility of Ukraine's guarantees (weights: ${ASSUMPTION}; Minsk's and Moscow's word count for nothing, ¶12): ${Object.entries(sc.credibility).map(([k, v]) => `${k} ${v}`).join(", ")}. Parity relief for Belarus is capped at ${sc.parityCap} (¶14).`);
line();
line("## The chain of causes");
line();
line("What each rule makes causal, with the paragraph that says it.");
line();
line("| rule | what it does | ¶ |\n|---|---|---|");
for (const r of Object.values(sc.rules)) line(`| ${r.title} | ${r.note} | ${r.ref} |`);
line();
line("## Rounds and events");
line();
line(`(Round structure: ${ASSUMPTION}.) Phases: lobby → briefing → ${sc.defaults.rounds} rounds of ${sc.defaults.roundSeconds} s (by default) → signing → debrief. A round ends when its timer runs out, when every delegation played by students is ready, or when the facilitator advances. At its end: (1) approved seat motions take effect, (2) the battlefield moves by pressure, staging, aid packages, counteroffensives, paused US aid and the event, (3) momentum +1 if a core clause (${sc.coreClauses.join(", ")}) was agreed this round, else −1 (¶12), (4) end checks, (5) new influence and the next event card. The briefing ends when every delegation played by students is ready, or when the facilitator opens round 1. In a solo game, once every bot is ready the round's clock drops to a short countdown (${soloIdleSeconds(sc.defaults.roundSeconds)} s for a ${sc.defaults.roundSeconds} s round), restarted by each move of the player. While a bot holds a seat its students may talk but not move; "Take the seat back" returns the seat to them.`);
line();
line("| event | what happens | effect | ¶ |\n|---|---|---|---|");
for (const e of sc.events) line(`| ${e.title} \`${e.id}\` | ${e.text} | ${effectText(sc, { event: e })} | ${e.ref} |`);
line();
line("## Signing and outcomes");
line();
line(`The treaty is in force if a ceasefire is agreed and Russia, Ukraine and the chair sign. Relief for Belarus binds only if Belarus signed as a party and relief for Russia from the same issuer is in force (¶14–¶15); it is void once Belarus allows Russian staging (or leaves a request unanswered) after it was agreed. Moscow is strong if the battlefield is 0 or more, or the treaty holds ${sc.strongClauses} or more of: aid freeze, neutrality, territory deferred, relief for Russia (¶16).`);
line();
for (const [id, o] of Object.entries(sc.outcomes)) line(`- **${o.title}** \`${id}\` — ${o.note} (${o.ref})`);
line();
line("## Objectives (✱ secret until the debrief)");
for (const code of DELEGATIONS) {
  line();
  line(`### ${sc.names[code]}`);
  line();
  line("| aim | points | ¶ |\n|---|---:|---|");
  for (const o of sc.objectives.filter((x) => x.delegation === code)) {
    line(`| ${o.secret ? "✱ " : ""}${o.text} — ${o.note} | ${o.points > 0 ? "+" : ""}${o.points} | ${o.ref} |`);
  }
}

const text = out.join("\n") + "\n";
const path = new URL("../docs/RULES.md", import.meta.url);
if (process.argv.includes("--check")) {
  const current = readFileSync(path, "utf8");
  if (current !== text) {
    console.error("docs/RULES.md is stale: run `node scripts/rulebook.ts`");
    process.exit(1);
  }
} else {
  writeFileSync(path, text);
}
