/**
 * Measures how fast join codes can be tried: a real server process (as `npm start`), one
 * facilitated game, and `--clients` loopback addresses each sending `joinById` with random codes
 * (`--concurrency` requests in flight per address) for `--seconds`. Prints the requests answered
 * per second, and how many of them were real lookups ("not found") versus refused before any
 * lookup (`join/too_many_guesses`). docs/SECURITY.md quotes its output.
 *
 *   node_modules/.bin/node tests/hardening/guess-rate.ts --seconds 10 --clients 1 --concurrency 32
 */
import { parseArgs } from "node:util";
import { randomInt } from "node:crypto";
import { CODE_ALPHABET } from "../../shared/protocol/messages.ts";
import { facilitated, ServerProcess } from "./harness.ts";
import { matchmake } from "./matchmake.ts";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "10" }, clients: { type: "string", default: "1" }, concurrency: { type: "string", default: "32" } } });
const seconds = Number(values.seconds), clients = Number(values.clients), concurrency = Number(values.concurrency);

const srv = await ServerProcess.start();
try {
  const { code } = await facilitated(srv);
  const end = Date.now() + seconds * 1000;
  const counts = { lookups: 0, refused: 0, other: 0, hits: 0 };
  const code6 = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
  const worker = async (from: string) => {
    while (Date.now() < end) {
      const guess = code6();
      const a = await matchmake(srv.http, "joinById", guess, { role: "spectator" }, { from });
      if (a.error === "") counts.hits++;
      else if (/not found/.test(a.error)) counts.lookups++;
      else if (/too_many_guesses/.test(a.error)) counts.refused++;
      else counts.other++;
      if (guess === code) counts.hits++;
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: clients }, (_, i) => Array.from({ length: concurrency }, () => worker(`127.0.0.${2 + i}`))).flat());
  const s = (Date.now() - t0) / 1000;
  const total = counts.lookups + counts.refused + counts.other + counts.hits;
  console.log(JSON.stringify({
    seconds: +s.toFixed(1), clients, concurrency,
    answeredPerSecond: Math.round(total / s), lookupsPerSecond: +(counts.lookups / s).toFixed(2),
    lookupsPerSecondPerClient: +(counts.lookups / s / clients).toFixed(2), ...counts,
  }));
} finally {
  await srv.dispose();
}
