/**
 * Logging that a flood cannot turn into a flood of log: each line is one short line (no stack,
 * no newlines, at most 240 characters), and each kind of line (`key`) has a budget — a burst of
 * 10, then 2 a second. What the budget drops is counted and said on the next line let through
 * ("… 1,234 more like this"). Used for refused joins and failed HTTP requests.
 *
 *   logLimited("join/refused", `[join] ${code} refused: join/bad_token`);
 */
const BURST = 10;
const PER_SECOND = 2;
const MAX_LINE = 240;
const kinds = new Map<string, { tokens: number; last: number; dropped: number }>();

/** The sink, replaceable in tests. */
export const logSink = { write: (line: string): void => console.error(line) };

/** One line, shortened to a single line of at most 240 characters. */
export function oneLine(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f]/g, "");
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE - 1)}…` : flat;
}

/** Logs `line` unless its kind is over budget; returns whether it was written. */
export function logLimited(key: string, line: string, now = Date.now()): boolean {
  let k = kinds.get(key);
  if (!k) {
    if (kinds.size > 1000) kinds.clear();
    kinds.set(key, (k = { tokens: BURST, last: now, dropped: 0 }));
  }
  k.tokens = Math.min(BURST, k.tokens + ((now - k.last) / 1000) * PER_SECOND);
  k.last = now;
  if (k.tokens < 1) {
    k.dropped++;
    return false;
  }
  k.tokens -= 1;
  const more = k.dropped ? ` (… ${k.dropped.toLocaleString("en")} more like this)` : "";
  k.dropped = 0;
  logSink.write(oneLine(line) + more);
  return true;
}
