/**
 * Refused creates and joins are expected (a mistyped code, a stale token, a script): one short
 * line each, budgeted like every other kind of log line (server/log.ts). Never a stack trace (at
 * 360 refusals a second, 1 KB traces were 1.4 GB an hour).
 */
import { logLimited } from "../log.ts";

export const refusals = {
  note(what: string, who: string, e: unknown): void {
    const why = (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 100);
    logLimited("refused", `[refused] ${what.slice(0, 12)} ${who.slice(0, 45)}: ${why}`);
  },
};
