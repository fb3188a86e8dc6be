/**
 * Finished games written to a store as a server writes them (engine log, the facilitator or a
 * solo player with a token, the outcome), before a server opens that folder: what-if tests ask
 * about games whose every state they know (tests/bots/liveGame.ts).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../server/store/index.ts";
import { hashToken } from "../../server/store/tokens.ts";
import { liveGame } from "../bots/liveGame.ts";

export const FAC = "facilitator-token-0123456789";
export const SOLO = "solo-player-token-0123456789";

/** Finished games written to a store as a server writes them, before the server opens it. */
export async function seeded(games: { code: string; seed: number; solo?: boolean }[], dir = mkdtempSync(join(tmpdir(), "seat-whatif-"))): Promise<{ dir: string; played: Map<string, ReturnType<typeof liveGame>> }> {
  const st = openStore({ dataDir: dir });
  await st.ready();
  const played = new Map<string, ReturnType<typeof liveGame>>();
  for (const g of games) {
    const live = liveGame(g.seed, 2, g.solo ? { solo: true } : {});
    played.set(g.code, live);
    const end = live.states.at(-1)!;
    await st.createGame(g.code, live.spec.scenario, live.spec.config, g.solo ? "" : FAC, 1, "seed", 10_000);
    live.spec.entries.forEach((e, i) => st.append(g.code, { seq: i + 1, time: e.now, who: e.who, student: "", kind: "engine", action: e.action }));
    st.putMember(g.code, { id: "m1", name: "P", role: g.solo ? "player" : "facilitator", delegation: g.solo ? "BY" : "", tokenHash: hashToken(g.solo ? SOLO : FAC), joined: 1, kicked: false });
    st.setStatus(g.code, "finished", 2, end.outcome);
  }
  await st.flush();
  await st.close();
  return { dir, played };
}

