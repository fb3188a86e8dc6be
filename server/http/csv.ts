/**
 * CSV exports (RFC 4180: comma-separated, CRLF). Student text is untrusted, and a spreadsheet
 * may split on `,`, `;` or tab depending on its locale, so:
 * - every text field holding a separator, a quote or a line break is quoted — it stays one cell
 *   whichever separator the spreadsheet picks, so no piece of it can start a cell of its own;
 * - a text field starting with a formula character (= + - @ tab CR) gets a leading ';
 * - numbers are written as numbers (a score of -3 stays the number -3).
 * Two layouts, documented in docs/PROTOCOL.md:
 * - `rows=students` (default): one row per student with participation and the delegation's score
 *   (a student the facilitator removed is marked `kicked` and gets no score);
 * - `rows=actions`: one row per log entry.
 */
import type { Report } from "./report.ts";

export const STUDENT_COLUMNS = [
  "code", "member", "name", "role", "delegation", "actions", "statements", "back_channel",
  "first_action", "last_action", "status", "delegation_score", "outcome",
] as const;

export const ACTION_COLUMNS = ["code", "seq", "time", "who", "member", "name", "kind", "type", "action_json"] as const;

export function cell(v: unknown): string {
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: unknown[]): string => cells.map(cell).join(",");
const iso = (ms: number | null): string => (ms ? new Date(ms).toISOString() : "");

export function studentsCsv(r: Report): string {
  const rows = r.participation.map((p) => line([
    r.code, p.member, p.name, p.role, p.delegation, p.actions, p.statements, p.backChannel,
    iso(p.firstAction), iso(p.lastAction), p.kicked ? "kicked" : "active",
    p.delegation && !p.kicked && p.role === "player" ? r.scores[p.delegation] : "", r.outcome?.id ?? "",
  ]));
  return [line([...STUDENT_COLUMNS]), ...rows].join("\r\n") + "\r\n";
}

export function actionsCsv(r: Report): string {
  const rows = r.log.map((e) => line([
    r.code, e.seq, iso(e.time), e.who, e.student, e.name, e.kind, String(e.action.type), JSON.stringify(e.action),
  ]));
  return [line([...ACTION_COLUMNS]), ...rows].join("\r\n") + "\r\n";
}
