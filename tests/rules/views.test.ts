/**
 * `view` is the only place secrets are cut (DESIGN §2.7, §3): a delegation sees its own sheet
 * (secret aims included) and its own back channels, the facilitator sees everything, spectators
 * see public information only; secret aims become public at the debrief.
 */
import { describe, expect, it } from "vitest";
import { briefing, publicView, view, type Code } from "../../shared/rules/index.ts";
import { atRound, sc } from "./harness.ts";

const CODES: Code[] = ["RU", "UA", "US", "EU", "BY"];
const secretsOf = (code: Code) => sc.objectives.filter((o) => o.delegation === code && o.secret);

/** A round-1 table with back-channel traffic between several pairs. */
function chatty() {
  const t = atRound();
  t.do("BY", { type: "say", to: ["RU"], text: "secret-by-ru" });
  t.do("US", { type: "say", to: ["BY", "EU"], text: "secret-us-by-eu" });
  t.do("UA", { type: "say", to: ["EU"], text: "secret-ua-eu" });
  t.do("RU", { type: "say", to: "table", text: "public-ru" });
  return t;
}

describe("views", () => {
  it("¶1 ¶6 the scenario has secret aims for Belarus and the US (the scan below is not vacuous)", () => {
    expect(secretsOf("BY").length).toBeGreaterThan(0);
    expect(secretsOf("US").length).toBeGreaterThan(0);
  });

  it("§2.7 a delegation sees its own sheet with its secret aims, and no other delegation's", () => {
    const t = chatty();
    for (const code of CODES) {
      const v = view(t.s, code);
      expect(Object.keys(v.briefings)).toEqual([code]);
      const json = JSON.stringify(v);
      for (const o of secretsOf(code)) expect(v.briefings[code]!.aims.map((a) => a.id)).toContain(o.id);
      for (const other of CODES.filter((c) => c !== code)) {
        for (const o of secretsOf(other)) {
          expect(json).not.toContain(o.id);
          expect(json).not.toContain(o.text);
        }
      }
    }
  });

  it("§3 a delegation reads only the back channels it sent or received; the facilitator reads all", () => {
    const t = chatty();
    const texts = (code: Code | "facilitator" | "spectator") => view(t.s, code).messages.map((m) => m.text).sort();
    expect(texts("RU")).toEqual(["secret-by-ru"]);
    expect(texts("BY")).toEqual(["secret-by-ru", "secret-us-by-eu"]);
    expect(texts("EU")).toEqual(["secret-ua-eu", "secret-us-by-eu"]);
    expect(texts("UA")).toEqual(["secret-ua-eu"]);
    expect(texts("US")).toEqual(["secret-us-by-eu"]);
    expect(texts("facilitator")).toEqual(["secret-by-ru", "secret-ua-eu", "secret-us-by-eu"]);
    expect(texts("spectator")).toEqual([]);
    expect(JSON.stringify(view(t.s, "RU"))).not.toContain("secret-ua-eu");
  });

  it("§2.7 spectators see the public table only: no briefings, no back channels, no secret aims", () => {
    const t = chatty();
    const v = view(t.s, "spectator");
    expect(v.briefings).toEqual({});
    expect(v.messages).toEqual([]);
    const json = JSON.stringify(v);
    expect(json).toContain("public-ru");
    for (const text of ["secret-by-ru", "secret-us-by-eu", "secret-ua-eu"]) expect(json).not.toContain(text);
    for (const o of sc.objectives.filter((x) => x.secret)) {
      expect(json).not.toContain(o.id);
      expect(json).not.toContain(o.text);
    }
    expect(json).not.toContain('"autonomy"');
    expect(v.public).toEqual(publicView(t.s));
  });

  it("¶6 Belarus's own tracks are on Belarus's sheet only", () => {
    const t = chatty();
    expect(view(t.s, "BY").briefings.BY!.belarus).toEqual(t.s.belarus);
    expect(view(t.s, "RU").briefings.RU!.belarus).toBeUndefined();
    expect(JSON.stringify(view(t.s, "UA"))).not.toContain('"autonomy"');
  });

  it("§2.7 the facilitator sees every sheet, secret aims included", () => {
    const t = chatty();
    const v = view(t.s, "facilitator");
    expect(Object.keys(v.briefings).sort()).toEqual([...CODES].sort());
    for (const code of CODES) {
      for (const o of secretsOf(code)) expect(v.briefings[code]!.aims.map((a) => a.id)).toContain(o.id);
    }
  });

  it("§2.7 secret aims become public at the debrief, with the scores; back channels stay private", () => {
    const t = chatty();
    t.do("facilitator", { type: "end" });
    const ru = view(t.s, "RU");
    expect(Object.keys(ru.briefings).sort()).toEqual([...CODES].sort());
    expect(ru.briefings.BY!.aims.map((a) => a.id)).toEqual(expect.arrayContaining(secretsOf("BY").map((o) => o.id)));
    expect(ru.briefings.BY!.moves).toEqual([]);
    expect(ru.public.outcome?.id).toBe("no_deal");
    expect(ru.messages.map((m) => m.text)).toEqual(["secret-by-ru"]);
    expect(view(t.s, "spectator").messages).toEqual([]);
  });

  it("§3 the outcome is withheld from the public view until the debrief", () => {
    const t = chatty();
    expect(view(t.s, "spectator").public.outcome).toBeNull();
    expect(view(t.s, "US").public.outcome).toBeNull();
  });

  it("§2.7 a briefing lists the delegation's aims with points, ¶ refs and live progress", () => {
    const t = atRound({ rounds: 3 });
    t.seat("BY", "party");
    const b = briefing(t.s, "BY");
    const party = b.aims.find((a) => a.id === "by-party")!;
    expect(party).toMatchObject({ points: sc.objectives.find((o) => o.id === "by-party")!.points, secret: false, ref: "¶13" });
    expect(party.progress).toBe(party.points);
    expect(b.aims.find((a) => a.id === "by-observer")!.progress).toBe(0);
    expect(b.aims.every((a) => /^¶\d+$/.test(a.ref))).toBe(true);
    expect(b.moves.length).toBeGreaterThan(0);
  });
});
