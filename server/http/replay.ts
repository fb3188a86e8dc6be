/**
 * `GET /api/games/:code/replay`: what a finished game's replay needs — its config, scenario and
 * engine log (in order, with time and who) and the names at each seat. The client replays the
 * log through the engine itself (shared/rules/replay.ts); nothing is recorded as pictures.
 *
 * Who may ask: the facilitator (their token), a student of that game (their own player token),
 * or anyone with the share key. The share key is an HMAC of the code keyed by the stored hash of
 * the game's owner token (the facilitator's; a solo game's player's), so any server process can
 * check it from the stored record alone, it changes with no other game, and a leaked key opens
 * one replay and nothing else. An unknown code and a bad credential get the same answer, and
 * failures spend the report route's budget.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isJoinCode } from "../../shared/protocol/messages.ts";
import { scenarioOf } from "../../shared/rules/scenario.ts";
import type { Settings } from "../context.ts";
import { clientAddress } from "../rooms/peer.ts";
import type { GameRow, GameStore as Store, MemberRow } from "../store/index.ts";
import { tokenMatches } from "../store/tokens.ts";
import type { Budget } from "./budget.ts";
import type { ReplayBody, ReplayViewer } from "../../shared/protocol/replay.ts";

type Req = IncomingMessage & { params: Record<string, string>; query: Record<string, unknown> };
type Res = ServerResponse & { status(n: number): Res; json(v: unknown): void; type(t: string): Res; send(b: string): void };
interface App {
  get(path: string, h: (req: Req, res: Res, next: (err?: unknown) => void) => void): void;
}

const DENIED = { code: "replay/denied", message: "No replay for that code with that credential." };
const KEY_LENGTH = 22;

/** The share key of a game: HMAC-SHA256("replay:" + code) keyed by the owner's stored token hash, 128 bits, base64url. */
export function shareKey(code: string, ownerHash: string): string {
  return createHmac("sha256", Buffer.from(ownerHash, "hex")).update(`replay:${code}`).digest("base64url").slice(0, KEY_LENGTH);
}

function keyMatches(key: unknown, code: string, ownerHash: string): boolean {
  if (typeof key !== "string" || key.length !== KEY_LENGTH || !ownerHash) return false;
  const a = Buffer.from(key);
  const b = Buffer.from(shareKey(code, ownerHash));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Bodies without the per-viewer part, per store, kept while the record is unchanged (a finished game's never is). */
const KEEP = 8;
const caches = new WeakMap<Store, Map<string, { stamp: string; json: string }>>();
/** A class opening the shared link at once waits for one build. */
const builds = new WeakMap<Store, Map<string, { stamp: string; json: Promise<string> }>>();

async function baseJson(st: Store, code: string, row: GameRow, members: MemberRow[]): Promise<string> {
  const cache = caches.get(st) ?? caches.set(st, new Map()).get(st)!;
  const building = builds.get(st) ?? builds.set(st, new Map()).get(st)!;
  const stamp = await st.recordStamp(code);
  const kept = cache.get(code);
  if (kept && kept.stamp === stamp) return kept.json;
  const flying = building.get(code);
  if (flying && flying.stamp === stamp) return flying.json;
  const json = build(st, code, row, members).then((text) => {
    cache.delete(code);
    cache.set(code, { stamp, json: text });
    while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
    return text;
  });
  building.set(code, { stamp, json });
  const clear = () => building.get(code)?.json === json && building.delete(code);
  json.then(clear, clear);
  return json;
}

async function build(st: Store, code: string, row: GameRow, members: MemberRow[]): Promise<string> {
  const log = await st.log(code);
  const entries: ReplayBody["entries"] = [];
  for (const r of log) if (r.kind === "engine") entries.push({ seq: r.seq, time: r.time, who: r.who, action: r.action as ReplayBody["entries"][number]["action"] });
  const body: Omit<ReplayBody, "viewer" | "share"> = {
    code,
    scenario: row.scenario,
    config: row.config,
    finished: row.finished,
    entries,
    objectives: scenarioOf(row.scenario).objectives,
    members: members.map((m) => ({ name: m.name, role: m.role, delegation: m.delegation, kicked: m.kicked })),
  };
  return JSON.stringify(body);
}

export function mountReplay(app: App, st: Store, settings: Pick<Settings, "trustProxy">, failures: Budget): void {
  app.get("/api/games/:code/replay", (req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""))?.[1];
    const key = typeof req.query.key === "string" ? req.query.key : undefined;
    if (!bearer && !key) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="replays"');
      return void res.status(401).json({ code: "auth/missing", message: "Send your facilitator or player token as Authorization: Bearer …, or open the shared link (?key=…)." });
    }
    const who = clientAddress(req, settings.trustProxy);
    // An empty budget refuses before looking anything up, so a refusal tells nothing either.
    if (failures.empty(who)) {
      res.setHeader("Retry-After", "5");
      return void res.status(429).json({ code: "replay/too_many", message: "Too many failed replay requests: wait a little and try again." });
    }
    const code = String(req.params.code ?? "").toUpperCase();
    answer(st, code, bearer, key).then((r) => {
      if (r === null) {
        failures.spend(who);
        return void res.status(403).json(DENIED);
      }
      if ("refusal" in r) return void res.status(409).json(r.refusal);
      res.status(200).type("application/json; charset=utf-8").send(r.body);
    }, next);
  });
}

/** The body for this credential, a refusal for a game not over, or null (no game, bad credential). */
async function answer(st: Store, code: string, bearer: string | undefined, key: string | undefined): Promise<{ body: string } | { refusal: { code: string; message: string } } | null> {
  if (!isJoinCode(code)) return null;
  const row = await st.game(code);
  if (!row) return null;
  const members = await st.members(code);
  const facilitator = await st.facilitatorHash(code);
  // The share key's owner: the facilitator, or a solo game's player.
  const owner = facilitator || (row.config.solo ? (members.find((m) => m.role === "player")?.tokenHash ?? "") : "");
  let viewer: ReplayViewer | null = null;
  if (bearer && tokenMatches(bearer, facilitator)) viewer = "facilitator";
  else if (bearer && members.some((m) => m.role === "player" && !m.kicked && tokenMatches(bearer, m.tokenHash))) viewer = "player";
  else if (!bearer && keyMatches(key, code, owner)) viewer = "shared";
  if (!viewer) return null;
  if (row.status !== "finished") {
    return {
      refusal: {
        code: "replay/not_finished",
        message: row.status === "live" ? "This game is still being played: its replay opens once it has ended." : "This game was abandoned before it ended: there is no finished game to replay.",
      },
    };
  }
  const base = await baseJson(st, code, row, members);
  const isOwner = viewer === "facilitator" || (viewer === "player" && !facilitator && tokenMatches(bearer, owner));
  const key22 = owner ? shareKey(code, owner) : "";
  const extra: Pick<ReplayBody, "viewer" | "share"> = { viewer, ...(isOwner && key22 ? { share: { key: key22, link: `/?replay=${code}&key=${key22}` } } : {}) };
  return { body: `${base.slice(0, -1)},${JSON.stringify(extra).slice(1)}` };
}
