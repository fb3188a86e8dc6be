/** The briefing explains each of Belarus's tracks with the numbers the engine plays (¶6, ¶8, ¶11, ¶15). */
import { describe, expect, it } from "vitest";
import { newGame } from "../../shared/rules/index.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import { belarusTrackRows } from "../../client/model/belarusTracks.ts";

describe("Belarus's tracks in the briefing", () => {
  it("names Autonomy, Moscow's trust and US favour, what each does and what moves it", () => {
    const by = newGame().belarus;
    const rows = belarusTrackRows(by, minskWindow);
    expect(rows.map((r) => r.name)).toEqual(["Autonomy", "Moscow's trust", "US favour"]);
    const trust = rows[1]!;
    expect(trust.value).toBe(minskWindow.tracks.trust.start);
    expect(trust.does).toContain(`Below ${minskWindow.trustFloor}, Russia cannot sponsor your seat`);
    expect(trust.moves).toContain(`refusing staging −${-minskWindow.staging.refuseTrust}`);
    expect(trust.moves).toContain("a pardon wave −1, the Nobel pledge −1");
    expect(trust.alert).toBe("");
    expect(rows[2]!.does).toContain("opens no seat and no relief");
  });

  it("warns when Moscow's trust is below the floor", () => {
    const by = { ...newGame().belarus, trust: minskWindow.trustFloor - 1 };
    expect(belarusTrackRows(by, minskWindow)[1]!.alert).toContain("Moscow will not sponsor your seat");
  });
});
