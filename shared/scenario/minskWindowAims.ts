/**
 * The delegations' objectives in "minsk-window" (DESIGN §2.7), with their ¶ references.
 * Server-side data: secret aims reach a browser only through `view` (its own delegation, or
 * everyone in the debrief), never through the client bundle. Points are balanced with the
 * simulator (docs/BALANCE.md).
 */
import { ASSUMPTION, type ObjectiveSpec } from "./types.ts";

export const minskWindowAims: ObjectiveSpec[] = [
  // Belarus (¶13: a seat at the table is itself the prize).
  { id: "by-party", delegation: "BY", text: "Sit at the table as a full party", points: 2, secret: false, when: { seat: "BY", is: "party" }, ref: "¶13", note: "Sharing the table sheds the pariah label." },
  { id: "by-observer", delegation: "BY", text: "An observer's seat (a party's seat scores on its own line)", points: 1, secret: false, when: { seat: "BY", is: "observer" }, ref: "¶13", note: "Even a side seat is a step out of isolation." },
  { id: "by-guarantor", delegation: "BY", text: "Be a guarantor of Ukraine under a treaty in force", points: 1, secret: false, when: { inForce: ["guaranteesUkraine"], lists: ["BY"] }, ref: "¶11", note: "Moscow has named Minsk a guarantor before." },
  { id: "by-own-guarantees", delegation: "BY", text: "Guarantees for Belarus in force", points: 2, secret: false, when: { inForce: ["guaranteesBelarus"] }, ref: "¶10", note: "Minsk asks for guarantees of its own." },
  { id: "by-relief", delegation: "BY", text: "Sanctions relief for Belarus in force (per issuer)", points: 2, secret: false, when: { inForce: ["sanctionsRelief"], target: "BY", perClause: true }, ref: "¶14", note: "If the aggressor gets relief, so should its helper." },
  { id: "by-democratization", delegation: "BY", text: "Avoid signing relief conditioned on democratization", points: -8, secret: false, when: { all: [{ inForce: ["sanctionsRelief"], target: "BY", condition: "democratization" }, { signed: "BY" }] }, ref: "¶15", note: "The West's usual price would end the regime." },
  { id: "by-ceasefire-strong", delegation: "BY", text: "Ceasefire with Moscow still strong", points: 2, secret: false, when: { outcome: ["ceasefire_strong"] }, ref: "¶16", note: "The war stops; what Moscow's strong hand brings (a seat, relief to claim parity on) scores on other lines." },
  { id: "by-ceasefire-weakened", delegation: "BY", text: "Ceasefire with Moscow weakened", points: 2, secret: false, when: { outcome: ["ceasefire_weakened"] }, ref: "¶16", note: "The war stops too; a weak Moscow delivers no relief and no loyal seat." },
  { id: "by-no-deal", delegation: "BY", text: "Avoid a protracted war or collapse", points: -2, secret: false, when: { outcome: ["no_deal", "collapse"] }, ref: "¶17", note: "A long war keeps sanctions on Minsk." },
  { id: "by-ukraine-falls", delegation: "BY", text: "Avoid Ukraine's fall", points: -4, secret: false, when: { outcome: ["ukraine_falls"] }, ref: "¶5", note: "A Russian Ukraine competes for subsidies and arms NATO's flank." },
  { id: "by-moscow-defeated", delegation: "BY", text: "Avoid Moscow's defeat", points: -6, secret: false, when: { outcome: ["moscow_defeated"] }, ref: "¶17", note: "Moscow's defeat is an existential risk for the regime." },
  { id: "by-autonomy", delegation: "BY", text: "Autonomy 6 or more", points: 2, secret: true, when: { track: "autonomy", min: 6 }, ref: "¶6", note: "Minsk is tired of being Moscow's junior partner." },
  { id: "by-peacekeepers", delegation: "BY", text: "Belarusian peacekeepers in force", points: 1, secret: true, when: { inForce: ["peacekeepers"], lists: ["BY"] }, ref: "¶7", note: "Minsk has offered its own troops as peacekeepers." },
  { id: "by-eu-split", delegation: "BY", text: "EU unity 3 or less", points: 1, secret: true, when: { track: "euUnity", max: 3 }, ref: "¶19", note: "A divided West suits Minsk." },
  { id: "by-minsk-venue", delegation: "BY", text: "Talks held in Minsk", points: 1, secret: true, when: { venue: "Minsk" }, ref: "¶10", note: "Minsk once hosted talks and would like to again." },
  // Russia.
  { id: "ru-territory", delegation: "RU", text: "Ceasefire with territory deferred", points: 4, secret: false, when: { inForce: ["territoryDeferred"] }, ref: "¶7", note: "Postponing borders keeps the gains." },
  { id: "ru-neutrality", delegation: "RU", text: "Ukrainian neutrality", points: 3, secret: false, when: { inForce: ["neutrality"] }, ref: "¶7", note: "Ukraine outside any bloc." },
  { id: "ru-aid-freeze", delegation: "RU", text: "Freeze on Western aid", points: 2, secret: false, when: { inForce: ["aidFreeze"] }, ref: "¶7", note: "No more Western arms." },
  { id: "ru-withdrawal", delegation: "RU", text: "Avoid a troop withdrawal", points: -2, secret: false, when: { inForce: ["withdrawal"] }, ref: "¶8", note: "Moscow's hawks reject pulling back." },
  { id: "ru-relief", delegation: "RU", text: "Sanctions relief for Russia (per issuer)", points: 2, secret: false, when: { inForce: ["sanctionsRelief"], target: "RU", perClause: true }, ref: "¶14", note: "Relief for the aggressor." },
  { id: "ru-relief-full", delegation: "RU", text: "Full rather than partial relief (per issuer)", points: 1, secret: false, when: { inForce: ["sanctionsRelief"], target: "RU", level: "full", perClause: true }, ref: "¶14", note: "The more relief the better." },
  { id: "ru-by-party", delegation: "RU", text: "Belarus seated as a party", points: 1, secret: false, when: { seat: "BY", is: "party" }, ref: "¶11", note: "Another loyal voice at the table." },
  { id: "ru-by-guarantor", delegation: "RU", text: "Belarus as a guarantor of Ukraine", points: 1, secret: false, when: { inForce: ["guaranteesUkraine"], lists: ["BY"] }, ref: "¶11", note: "As in the 2022 Istanbul draft." },
  { id: "ru-western-guarantor", delegation: "RU", text: "Keep the US and the EU out of Ukraine's guarantees", points: -2, secret: false, when: { inForce: ["guaranteesUkraine"], lists: ["US", "EU"] }, ref: ASSUMPTION, note: "Western guarantees are what Moscow fears." },
  { id: "ru-eu-peacekeepers", delegation: "RU", text: "Keep EU peacekeepers out", points: -2, secret: false, when: { inForce: ["peacekeepers"], lists: ["EU"] }, ref: "¶7", note: "European troops on the line are a red line." },
  { id: "ru-ukraine-falls", delegation: "RU", text: "Ukraine falls", points: 4, secret: false, when: { outcome: ["ukraine_falls"] }, ref: "¶5", note: "Victory on the battlefield." },
  { id: "ru-defeated", delegation: "RU", text: "Avoid defeat", points: -6, secret: false, when: { outcome: ["moscow_defeated"] }, ref: "¶17", note: "Defeat is the worst case." },
  // Ukraine.
  { id: "ua-credible", delegation: "UA", text: "Credible guarantees (credibility 5 or more)", points: 6, secret: false, when: { all: [{ treatyInForce: true }, { track: "credibility", min: 5 }] }, ref: "¶12", note: "Only guarantors people believe in count." },
  { id: "ua-some-credible", delegation: "UA", text: "Some guarantees (credibility 3–4)", points: 3, secret: false, when: { all: [{ treatyInForce: true }, { track: "credibility", min: 3, max: 4 }] }, ref: "¶12", note: "Half a guarantee is better than none." },
  { id: "ua-weak", delegation: "UA", text: "Avoid a treaty with weak guarantees (credibility under 3)", points: -2, secret: false, when: { all: [{ treatyInForce: true }, { track: "credibility", max: 2 }] }, ref: "¶12", note: "Nobody relies on Minsk's or Moscow's word." },
  { id: "ua-neutral-unsafe", delegation: "UA", text: "Avoid neutrality without credible guarantees", points: -3, secret: false, when: { all: [{ inForce: ["neutrality"] }, { track: "credibility", max: 4 }] }, ref: "¶7", note: "Neutrality with no one to defend it." },
  { id: "ua-aid-freeze", delegation: "UA", text: "Avoid a freeze on aid", points: -3, secret: false, when: { inForce: ["aidFreeze"] }, ref: "¶7", note: "Aid is Ukraine's lifeline." },
  { id: "ua-withdrawal", delegation: "UA", text: "Russian troops withdraw", points: 3, secret: false, when: { inForce: ["withdrawal"] }, ref: "¶7", note: "Troops leave the front." },
  { id: "ua-by-guarantor", delegation: "UA", text: "Avoid Belarus as a guarantor", points: -1, secret: false, when: { inForce: ["guaranteesUkraine"], lists: ["BY"] }, ref: "¶12", note: "Nobody counts on Minsk's word." },
  { id: "ua-by-keepers", delegation: "UA", text: "Avoid Belarusian peacekeepers", points: -1, secret: false, when: { inForce: ["peacekeepers"], lists: ["BY"] }, ref: "¶12", note: "Troops from a co-belligerent's ally on the line." },
  { id: "ua-by-party", delegation: "UA", text: "Keep Belarus from a party's seat", points: -1, secret: false, when: { seat: "BY", is: "party" }, ref: "¶12", note: "Minsk is not seen as independent." },
  { id: "ua-falls", delegation: "UA", text: "Avoid defeat", points: -6, secret: false, when: { outcome: ["ukraine_falls"] }, ref: "¶5", note: "The worst case." },
  { id: "ua-moscow-defeated", delegation: "UA", text: "Moscow defeated", points: 5, secret: false, when: { outcome: ["moscow_defeated"] }, ref: "¶17", note: "Victory." },
  { id: "ua-no-deal", delegation: "UA", text: "Avoid a protracted war", points: -1, secret: false, when: { outcome: ["no_deal"] }, ref: "¶17", note: "The war grinds on." },
  { id: "ua-collapse", delegation: "UA", text: "Avoid the collapse of talks", points: -2, secret: false, when: { outcome: ["collapse"] }, ref: ASSUMPTION, note: "Failed talks leave Kyiv worse placed." },
  // United States.
  { id: "us-deal", delegation: "US", text: "A treaty in force", points: 5, secret: false, when: { treatyInForce: true }, ref: "¶1", note: "The President promised to stop wars." },
  { id: "us-momentum", delegation: "US", text: "Momentum 7 or more at the end", points: 1, secret: false, when: { track: "momentum", min: 7 }, ref: ASSUMPTION, note: "A process that looks alive." },
  { id: "us-aid", delegation: "US", text: "Aid paused or frozen", points: 2, secret: false, when: { any: [{ usAid: "paused" }, { inForce: ["aidFreeze"] }] }, ref: ASSUMPTION, note: "Washington wants out of the bill." },
  { id: "us-ru-relief", delegation: "US", text: "US relief for Russia", points: 1, secret: false, when: { inForce: ["sanctionsRelief"], target: "RU", issuer: "US" }, ref: "¶2", note: "Defusing tension with Moscow." },
  { id: "us-guarantor", delegation: "US", text: "Avoid being a guarantor", points: -1, secret: false, when: { inForce: ["guaranteesUkraine", "guaranteesBelarus"], lists: ["US"] }, ref: ASSUMPTION, note: "Washington does not want new commitments in the region." },
  { id: "us-no-deal", delegation: "US", text: "Avoid a protracted war", points: -3, secret: false, when: { outcome: ["no_deal"] }, ref: "¶1", note: "A broken promise." },
  { id: "us-collapse", delegation: "US", text: "Avoid the collapse of talks", points: -4, secret: false, when: { outcome: ["collapse"] }, ref: "¶1", note: "A failure at the chair." },
  { id: "us-nobel", delegation: "US", text: "A Nobel pledge from Minsk, and the war stopped", points: 1, secret: true, when: { all: [{ flag: "nobelPledged" }, { outcome: ["ceasefire_strong", "ceasefire_weakened"] }] }, ref: "¶1", note: "The pledge holds only if the President keeps his promise to stop wars." },
  // European Union.
  { id: "eu-credible", delegation: "EU", text: "Credible guarantees for Ukraine (5 or more)", points: 3, secret: false, when: { all: [{ treatyInForce: true }, { track: "credibility", min: 5 }] }, ref: "¶12", note: "Europe's security depends on it." },
  { id: "eu-unity", delegation: "EU", text: "EU unity 6 or more", points: 1, secret: false, when: { track: "euUnity", min: 6 }, ref: "¶18", note: "Europe's dissenters stay in line." },
  { id: "eu-split", delegation: "EU", text: "Avoid a split (unity 3 or less)", points: -3, secret: false, when: { track: "euUnity", max: 3 }, ref: "¶19", note: "Dissenters break the line." },
  { id: "eu-by-relief", delegation: "EU", text: "No relief for Minsk without democratization", points: -2, secret: false, when: { inForce: ["sanctionsRelief"], target: "BY", condition: "prisoners" }, ref: "¶15", note: "Europe's price is democratization." },
  { id: "eu-pardons", delegation: "EU", text: "Two or more pardon waves in Minsk", points: 1, secret: false, when: { track: "pardonWaves", min: 2 }, ref: "¶7", note: "Prisoners freed matter." },
  { id: "eu-ru-relief-partial", delegation: "EU", text: "Avoid EU relief for Russia (partial)", points: -2, secret: false, when: { inForce: ["sanctionsRelief"], target: "RU", issuer: "EU", level: "partial" }, ref: "¶14", note: "Relief for the aggressor divides Europe." },
  { id: "eu-ru-relief-full", delegation: "EU", text: "Avoid EU relief for Russia (full)", points: -4, secret: false, when: { inForce: ["sanctionsRelief"], target: "RU", issuer: "EU", level: "full" }, ref: "¶14", note: "Full relief even more so." },
  { id: "eu-signed", delegation: "EU", text: "Sign a treaty in force", points: 2, secret: false, when: { all: [{ treatyInForce: true }, { signed: "EU" }] }, ref: ASSUMPTION, note: "Europe at the table, not on the menu." },
  { id: "eu-left-out", delegation: "EU", text: "Avoid a treaty without the EU", points: -1, secret: false, when: { all: [{ treatyInForce: true }, { not: { signed: "EU" } }] }, ref: "¶19", note: "A deal over Europe's head." },
  { id: "eu-by-guarantor", delegation: "EU", text: "Avoid Belarus as Ukraine's guarantor", points: -1, secret: false, when: { inForce: ["guaranteesUkraine"], lists: ["BY"] }, ref: "¶12", note: "Minsk's word guarantees nothing." },
  { id: "eu-by-keepers", delegation: "EU", text: "Avoid Belarusian peacekeepers", points: -1, secret: false, when: { inForce: ["peacekeepers"], lists: ["BY"] }, ref: "¶12", note: "Nobody believes Minsk is neutral." },
  { id: "eu-aid-freeze", delegation: "EU", text: "Avoid a freeze on aid", points: -2, secret: false, when: { inForce: ["aidFreeze"] }, ref: "¶7", note: "Disarming Ukraine." },
  { id: "eu-ukraine-falls", delegation: "EU", text: "Avoid Ukraine's fall", points: -6, secret: false, when: { outcome: ["ukraine_falls"] }, ref: "¶5", note: "War on the Union's border." },
  { id: "eu-ceasefire", delegation: "EU", text: "A ceasefire", points: 2, secret: false, when: { outcome: ["ceasefire_strong", "ceasefire_weakened"] }, ref: ASSUMPTION, note: "The guns fall silent." },
];
