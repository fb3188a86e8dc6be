/**
 * What bots say: short in-character lines at the table, offers in back channels, and answers
 * to a student's proposal. Written for this project (they paraphrase the analysis in
 * shared/source at most, never quote it). Several per situation, picked by a die fixed by
 * the view, so a replayed game says the same things.
 */
import { describe } from "../rules/clauses.ts";
import type { Clause, Code, PlayerAction } from "../rules/types.ts";
import type { Character } from "./character.ts";
import { pick } from "./chance.ts";
import type { Sight } from "./sight.ts";

type Pool = readonly string[];

const OPENING: Record<Code, Pool> = {
  RU: [
    "Moscow comes to talk, not to be lectured. Realities on the ground will be part of any text.",
    "We are ready to listen. We are also ready to keep going if nobody listens back.",
    "Russia's conditions are known. Let us see who here is serious.",
  ],
  UA: [
    "Ukraine will not trade its future for a pause that lets the war restart.",
    "Any ceasefire needs someone behind it who will actually show up. Words are not enough.",
    "We came to end the war, not to reward it.",
  ],
  US: [
    "The President wants this done, and done quickly. Let's not waste the room.",
    "Welcome, everyone. The United States is here to broker a deal, not to write a thesis.",
    "We have six rounds. I'd like a signed text before the coffee gets cold.",
  ],
  EU: [
    "Europe's position is simple: peace, yes; a prize for aggression, no.",
    "The Union stands with Ukraine, and it stands together. Mostly.",
    "We'll support any deal that Ukraine can live with and that keeps Europe safe.",
  ],
  BY: [
    "Minsk has always said it: stop the shooting first, argue about maps later.",
    "Belarus offers its good offices. We know both sides better than anyone.",
    "A neighbour of both, a friend of peace. Minsk is ready to help.",
  ],
};

interface Situation {
  when: (s: Sight) => boolean;
  lines: Partial<Record<Code, Pool>>;
}

/** Table talk, most specific situation first. */
const ROUND: Situation[] = [
  {
    // A violation shows: Moscow's hawks say why they broke the ceasefire.
    when: (s) => s.me === "RU" && !!s.agreed("ceasefire") && s.played("pressure") > 0,
    lines: {
      RU: ["While Kyiv's partners keep arming it, Moscow answers on the ground. The ceasefire was never a licence to retreat.", "Our generals do not watch a front collapse for the sake of a paper. Let Kyiv's sponsors stop first."],
    },
  },
  {
    when: (s) => s.p.momentum <= 2,
    lines: {
      US: ["We are about to lose this whole process. Somebody give me something I can agree to.", "Momentum is draining away, people. Last call for serious offers."],
      EU: ["If these talks fail, nobody here will be better off. Nobody.", "We are close to walking away from everything we built. Let's not."],
      BY: ["Minsk appeals to all sides: do not throw away this chance.", "A collapse would help no one, least of all the people on the front."],
      RU: ["If the talks die, the front will decide instead. That is not our preference.", "Russia did not leave the table. Others are making it empty."],
      UA: ["We are still here. Are our partners?", "Ukraine has not walked out. We expect the same of others."],
    },
  },
  {
    when: (s) => s.me === "RU" ? s.front <= -2 : s.me === "UA" ? s.front >= 3 : false,
    lines: {
      RU: ["The situation at the front changes nothing about our principles.", "Do not mistake a bad week for a weak hand."],
      UA: ["Our lines are under heavy pressure. Help delayed is help denied.", "Every hour of delay is paid for at the front."],
    },
  },
  {
    when: (s) => s.me === "RU" ? s.front >= 3 : s.me === "UA" ? s.front <= -2 : false,
    lines: {
      RU: ["Time is on our side. The offer on the table will not get better for Kyiv.", "Our forces are advancing. Perhaps now our proposals sound more reasonable."],
      UA: ["The front is moving our way. Moscow should negotiate while it still can.", "We are winning back ground. Our terms reflect that."],
    },
  },
  {
    when: (s) => !!s.agreed("ceasefire"),
    lines: {
      US: ["We have a ceasefire on paper. Let's not unpick it now.", "Good. The guns are almost silent. Now the details."],
      EU: ["A ceasefire is welcome. Its guarantees must be real.", "The text is taking shape. Europe will read the small print."],
      BY: ["Minsk welcomes the ceasefire. It is what we proposed from the start.", "Peace is within reach. Belarus stands ready to help keep it."],
      RU: ["The ceasefire can hold, if our concerns are respected.", "A ceasefire is a beginning. The rest depends on Kyiv's partners."],
      UA: ["A ceasefire without guarantees is just an intermission.", "We accept a pause in the fighting. We will not accept a trap."],
    },
  },
  {
    when: () => true,
    lines: {
      US: ["Let's keep this moving. What can each of you live with?", "Nobody gets everything. Everybody gets something. That's a deal.", "I'm hearing positions. I'd rather hear proposals."],
      EU: ["Conditions matter. Relief without change just buys the next war.", "Europe will pay for much of the peace. It expects a say in it.", "Unity is our strength here. We will not be split."],
      BY: ["Our peace formula is on the table: a ceasefire, neutrality, peacekeepers, borders later.", "Belarus can guarantee and it can keep the peace. Ask us.", "Sanctions on Minsk make less sense with every round of these talks."],
      RU: ["Neutrality and the postponement of territorial questions: that is the basis.", "Western weapons prolong the war. Freeze them and we can talk seriously.", "Minsk is a reliable partner and deserves a place at this table."],
      UA: ["Guarantees first. Then we can talk about everything else.", "Neutrality with nobody to enforce it is an invitation.", "Our allies know what credible support looks like."],
    },
  },
];

/** Back-channel offers: who whispers to whom, and when. */
const CHANNELS: { from: Code; to: (s: Sight) => Code[] | null; lines: Pool }[] = [
  {
    from: "BY",
    to: (s) => (s.seat !== "party" && !s.p.motions.some((m) => m.delegation === "BY" && (m.status === "pending" || m.status === "approved")) ? ["RU"] : null),
    lines: ["Moscow could use one more friendly voice in that room. Move our seat.", "Sponsor our seat and you will not regret it. We vote with our allies.", "A word from you to the chair and Minsk sits at the table."],
  },
  {
    from: "BY",
    to: (s) => (s.p.pardonWaves > 0 || s.brief?.belarus?.nobelPledged ? ["US"] : null),
    lines: ["The President's peacemaking deserves a prize. We will say so loudly.", "More prisoners go home this week. Minsk hopes Washington notices.", "We can make your deal easier. A lower bar for us would make it easier still."],
  },
  {
    from: "RU",
    to: (s) => (s.p.delegations.BY.seat !== "party" ? ["BY"] : null),
    lines: ["We will put your seat to the chair. Remember who did.", "Stay close to us and you will sit at the table."],
  },
  {
    from: "US",
    to: (s) => (s.p.clauses.some((cl) => cl.type === "ceasefire" && cl.status === "proposed") ? (s.open("ceasefire")?.stances.RU === "support" ? ["UA"] : ["RU"]) : null),
    lines: ["Between us: the window is closing. Support the ceasefire and I'll make it worth it.", "You won't get a better chair than me. Take the deal."],
  },
  {
    from: "EU",
    to: (s) => (s.front >= 2 ? ["UA"] : null),
    lines: ["Hold on. Another package is coming, whatever Washington does.", "Europe is not going anywhere. Don't sign out of fear."],
  },
];

const SIGNING: Record<Code, { yes: Pool; no: Pool }> = {
  RU: { yes: ["Russia signs. Let it be remembered who made peace possible.", "We sign, and we will watch closely how it is kept."], no: ["This text ignores our security. Russia will not sign it.", "We do not sign a paper written against us."] },
  UA: { yes: ["Ukraine signs, with its eyes open.", "We sign for our people, and we will hold our partners to their word."], no: ["Ukraine will not sign away its security.", "No. This is not peace; it's a pause for the next invasion."] },
  US: { yes: ["Done. That's a deal.", "The United States signs. History will thank us."], no: ["We can't put our name to this one.", "Not this text. Not today."] },
  EU: { yes: ["Europe signs, and Europe will help rebuild.", "The Union signs. Now the hard work begins."], no: ["The Union cannot sign this text as it stands.", "Europe will not endorse this."] },
  BY: { yes: ["Minsk signs with pride. We said peace was possible.", "Belarus signs and stands ready to help."], no: ["Minsk cannot sign conditions that no sovereign state would accept.", "Belarus will not sign this."] },
};

const said = (s: Sight, pool: Pool) => s.mine.said.some((t) => pool.includes(t));
const sayTo = (to: "table" | Code[], text: string): PlayerAction => ({ type: "say", to, text });

/** At most one unprompted line a round (a back-channel note or a word at the table). */
export function chatter(s: Sight, when: "opening" | "round" | "signing"): PlayerAction | null {
  if (when === "opening") return said(s, OPENING[s.me]) || s.roll("open") < 0.5 ? null : sayTo("table", pick(OPENING[s.me], s.salt));
  if (when === "signing") {
    const sig = s.p.delegations[s.me].signature;
    if (sig === "") return null;
    const pool = SIGNING[s.me][sig === "signed" ? "yes" : "no"];
    return said(s, pool) || s.roll("sign-line") < 0.4 ? null : sayTo("table", pick(pool, s.salt));
  }
  if (s.mine.say > 0 || s.roll("talk") < 0.45) return null;
  if (s.roll("channel") < 0.4) {
    for (const c of CHANNELS) {
      if (c.from !== s.me) continue;
      const to = c.to(s);
      if (to) return sayTo(to, pick(c.lines, `${s.salt}|ch`));
    }
  }
  for (const sit of ROUND) {
    const pool = sit.lines[s.me];
    if (pool && sit.when(s)) return sayTo("table", pick(pool, `${s.salt}|t`));
  }
  return null;
}

const REASONS: Record<"support" | "oppose", Partial<Record<Code, Pool>>> = {
  support: {
    RU: ["Russia can accept that.", "This moves us toward a realistic settlement.", "A sensible step. We support it."],
    UA: ["Ukraine can support this.", "This makes peace safer. We agree.", "Good. This is the kind of step that lasts."],
    US: ["Fine by Washington. Let's bank it.", "That gets us closer to a deal. Supported.", "I can sell that at home. Yes."],
    EU: ["Europe supports this.", "This is consistent with our principles. Agreed.", "A responsible proposal. The Union backs it."],
    BY: ["Minsk supports this wholeheartedly.", "Exactly what Belarus has been saying.", "A step toward peace. We back it."],
  },
  oppose: {
    RU: ["This ignores Russia's security. No.", "Unacceptable in this form.", "You know we cannot agree to that."],
    UA: ["This leaves Ukraine exposed. We oppose it.", "Not without real guarantees.", "This rewards the aggressor. No."],
    US: ["That makes the deal harder, not easier. No.", "Washington can't carry that one.", "Too much for too little. Opposed."],
    EU: ["This undermines everything Europe stands for. No.", "Not acceptable to the Union.", "Relief without conditions? No."],
    BY: ["This does not serve peace. Minsk objects.", "Belarus cannot support this.", "This would make things worse for everyone."],
  },
};

/** Reasons tied to what the clause does, for either stance. */
const BY_TYPE: Record<"support" | "oppose", Partial<Record<string, Pool>>> = {
  support: {
    ceasefire: ["Every day without a ceasefire costs lives. Let's stop the guns.", "A ceasefire first; everything else is easier after it."],
    withdrawal: ["Troops pulling back makes the ceasefire real.", "Distance between the armies keeps incidents from becoming wars."],
    neutrality: ["Neutrality removes a reason to keep fighting.", "Outside the blocs, Ukraine threatens no one."],
    territoryDeferred: ["Borders can wait; the shooting can't.", "Put the maps aside for now and stop the war."],
    aidFreeze: ["Fewer weapons, fewer reasons to keep fighting.", "Freezing the arms flow gives diplomacy room."],
    guaranteesUkraine: ["A ceasefire holds when someone stands behind it.", "Guarantors make the paper mean something."],
    guaranteesBelarus: ["Security for Minsk is security for the region.", "A stable Belarus is in everyone's interest."],
    peacekeepers: ["Someone has to watch the line. This is a fair choice.", "Peacekeepers make violations visible."],
    sanctionsRelief: ["Relief rewards steps toward peace.", "Sanctions should move when behaviour moves."],
  },
  oppose: {
    ceasefire: ["Not on these terms: a pause that favours one side is no peace.", "A ceasefire now would only freeze an injustice."],
    withdrawal: ["Pulling back now would be read as defeat.", "Withdrawal before everything else is settled? No."],
    neutrality: ["Neutrality with nobody to defend it is an invitation.", "A country's alliances are its own business."],
    territoryDeferred: ["Deferring borders rewards whoever holds the ground.", "Postponed disputes come back as wars."],
    aidFreeze: ["Freezing aid disarms the victim, not the aggressor.", "Aid is what keeps the line from breaking."],
    guaranteesUkraine: ["These guarantors do not reassure anyone.", "The wrong names on this list make it worthless."],
    guaranteesBelarus: ["Minsk's security was never the problem here.", "Guarantees for Minsk reward its part in the war."],
    peacekeepers: ["Not these troops. They would not be neutral.", "Peacekeepers from a party to the war? No."],
    sanctionsRelief: ["Relief before real change is a reward for the war.", "Sanctions stay until the reasons for them are gone."],
  },
};

/**
 * Before taking a stance on a clause a student tabled this round, say why — once per clause.
 * Bots' own clauses get no speeches, so bot-only games stay quiet and quick.
 */
export function replyTo(s: Sight, cl: Clause, want: "support" | "oppose" | "none"): PlayerAction | null {
  if (want === "none" || cl.round !== s.p.round) return null;
  const author = cl.suggestedBy ?? cl.proposer;
  if (author === s.me || s.p.delegations[author].bot) return null;
  const what = describe(s.sc, cl);
  if (s.mine.said.some((t) => t.startsWith(`${what}: `))) return null;
  const general = REASONS[want][s.me] ?? [];
  const pool = [...(BY_TYPE[want][cl.type] ?? []), ...general];
  if (pool.length === 0) return null;
  return sayTo("table", `${what}: ${pick(pool, `${s.salt}|${cl.id}`)}`);
}

const ASK_SEAT: Pool = [
  "Moscow could use one more friendly voice in that room. Move our seat before the format is fixed.",
  "Sponsor our seat now, while seats can still move. Minsk votes with its allies.",
  "A word from you to the chair and Minsk sits at the table. Once a ceasefire is agreed it will be too late.",
];

/** Belarus asks Moscow for its seat in the back channel, once a game (¶9, ¶11). */
export function askSeat(s: Sight): PlayerAction | null {
  if (s.v.messages.some((m) => m.from === s.me && m.to.includes("RU"))) return null;
  return sayTo(["RU"], pick(ASK_SEAT, `${s.salt}|ask`));
}

const CONCEDE: Record<Code, Pool> = {
  RU: ["Russia can live with this only as part of a package:", "Moscow accepts this for the sake of the whole:"],
  UA: ["Ukraine accepts this only as part of a package:", "Kyiv swallows this for the sake of the whole:"],
  US: ["Washington can carry this as part of a package:", "Not our favourite, but it buys the deal:"],
  EU: ["Europe accepts this only as part of a package:", "The Union can go along with this for the whole:"],
  BY: ["Minsk accepts this as part of a package:", "Belarus goes along with this for the sake of the whole:"],
};

/**
 * A concession says what it is traded for: the clauses the bot is bargaining toward (its
 * hopes), or the ceasefire itself. Once per clause and round, before the stance.
 */
export function concedeLine(s: Sight, cl: Clause, hopes: Clause[]): PlayerAction | null {
  const what = describe(s.sc, cl);
  if (s.mine.said.some((t) => t.startsWith(`${what}: `))) return null;
  const trade = hopes.filter((h) => h.id !== cl.id).slice(0, 2).map((h) => describe(s.sc, h));
  const why = trade.length ? `with ${trade.join(" and ")}.` : "for a ceasefire that holds.";
  return sayTo("table", `${what}: ${pick(CONCEDE[s.me], `${s.salt}|${cl.id}|c`)} ${why}`);
}

/** Taking back a word given on the ceasefire says why: the clause that turned it (or the front). */
export function reverseLine(s: Sight, cl: Clause, cause: Clause | undefined): PlayerAction | null {
  const what = describe(s.sc, cl);
  if (s.mine.said.some((t) => t.startsWith(`${what}: `))) return null;
  const why = cause ? `with ${describe(s.sc, cause)} in the text, this is no longer a ceasefire ${s.sc.names[s.me]} can sign.` : `the front has changed; ${s.sc.names[s.me]} will not freeze it here.`;
  return sayTo("table", `${what}: we withdraw our support — ${why}`);
}

/**
 * In solo games a student's back-channel message gets an answer, once: an offer (back my
 * clause and I back yours) or a refusal, in character, from what the bot values on the table.
 */
export function answer(s: Sight, ch: Character, value: (cl: Clause) => number): PlayerAction | null {
  const msgs = s.v.messages;
  const answered = new Set<Code>();
  for (let i = msgs.length - 1; i >= 0; i--) {
    const m = msgs[i]!;
    if (m.round < s.p.round - 1) break;
    if (m.from === s.me) {
      for (const c of m.to) answered.add(c);
      continue;
    }
    // Students only: two bots answering each other would trade lines for the rest of the round.
    const from = s.p.delegations[m.from];
    if (!m.to.includes(s.me) || answered.has(m.from) || from.bot || from.humans === 0) continue;
    return sayTo([m.from], replyText(s, ch, m.from, value));
  }
  return null;
}

function replyText(s: Sight, _ch: Character, to: Code, value: (cl: Clause) => number): string {
  const name = (c: Code) => s.sc.names[c];
  const open = s.p.clauses.filter((cl) => cl.status === "proposed");
  // What I want from them: a clause I value that still lacks their support.
  const mine = open.filter((cl) => value(cl) > 0.25 && cl.stances[to] !== "support").sort((a, b) => value(b) - value(a))[0];
  const theirs = open.filter((cl) => cl.proposer === to || cl.suggestedBy === to).sort((a, b) => value(b) - value(a))[0];
  // Belarus's seat comes through Moscow (¶11): Moscow answers Minsk on it first.
  if (s.me === "RU" && to === "BY" && s.p.delegations.BY.seat !== "party") {
    if (s.p.clauses.some((cl) => cl.type === "ceasefire" && cl.status === "agreed")) return "The format is set now. Stay close to us and your voice will still count.";
    if (s.p.motions.some((m) => m.delegation === "BY" && (m.status === "pending" || m.status === "approved"))) return "Our motion for your seat is before the chair. Vote with us when it counts.";
    return s.can({ type: "seatMotion", delegation: "BY", seat: "party" }) || s.influence < s.sc.costs.seatMotion
      ? "We will put your seat to the chair. Remember who did, when our clauses come up."
      : "Not while Minsk courts Washington and keeps our troops out. Earn back our trust first.";
  }
  if (s.me === "US" && to === "BY") {
    return s.p.byCondition.US === "prisoners"
      ? "Our bar is down to prisoner releases. Free them and claim your share when Moscow gets relief."
      : "Flattery is nice. Relief comes when Moscow's does, and our price is real change — or prisoners, if you make it worth our while.";
  }
  if (theirs && value(theirs) <= -1.5) return `${describe(s.sc, theirs)} is out of the question for ${name(s.me)}. Bring something else.`;
  if (theirs && mine) return `Back ${describe(s.sc, mine)} and ${name(s.me)} will back ${describe(s.sc, theirs)}.`;
  if (theirs) return `${name(s.me)} can work with ${describe(s.sc, theirs)}. We'll see what the others do.`;
  if (mine) return `What we need from you is ${describe(s.sc, mine)}. Support it and we can talk.`;
  return `Nothing on the table from you that ${name(s.me)} needs to trade for. Put something forward.`;
}
