/**
 * Fetches a finished game's replay: with a share key (`?key=`), or else with the token this
 * browser saved for that game (facilitator first, then player), sent as a Bearer header.
 */
import type { ReplayBody } from "../../shared/protocol/replay.ts";
import { loadSaved } from "../model/tokens.ts";

export type Loaded = { ok: true; body: ReplayBody; auth?: string } | { ok: false; message: string };

export async function loadReplay(code: string, key: string): Promise<Loaded> {
  const saved = loadSaved(localStorage, code);
  const auth = key ? undefined : saved.facilitatorToken ?? saved.playerToken;
  if (!key && !auth) return { ok: false, message: `This browser holds no seat in game ${code}. Ask your teacher for the replay's share link.` };
  let res: Response;
  try {
    res = await fetch(`/api/games/${encodeURIComponent(code)}/replay${key ? `?key=${encodeURIComponent(key)}` : ""}`, { cache: "no-store", headers: auth ? { Authorization: `Bearer ${auth}` } : {} });
  } catch {
    return { ok: false, message: "The server cannot be reached: check the connection and try again." };
  }
  const body = (await res.json().catch(() => ({}))) as ReplayBody & { message?: string };
  if (res.status === 200) return { ok: true, body, ...(auth ? { auth } : {}) };
  if (res.status === 403) return { ok: false, message: `No replay of ${code} opens with this ${key ? "link" : "browser's seat"}: check the link with your teacher.` };
  return { ok: false, message: body.message ?? `The replay could not be loaded (HTTP ${res.status}).` };
}
