/**
 * CSV exports (RFC 4180: comma-separated, CRLF, fields quoted when needed). Cells that a
 * spreadsheet would run as a formula (=, +, -, @ first) are prefixed with ' — student text is
 * untrusted. Two layouts, documented in docs/PROTOCOL.md:
 * - `rows=students` (default): one row per student with participation and the delegation's score;
 * - `rows=actions`: one row per log entry.
 */
import type { Report } from "./report.ts";

export const STUDENT_COLUMNS = [
  "code", "member", "name", "role", "delegation", "actions", "statements", "back_channel",
  "first_action", "last_action", "delegation_score", "outcome",
] as const;

export const ACTION_COLUMNS = ["code", "seq", "time", "who", "member", "name", "kind", "type", "action_json"] as const;

function cell(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: unknown[]): string => cells.map(cell).join(",");
const iso = (ms: number | null): string => (ms ? new Date(ms).toISOString() : "");

export function studentsCsv(r: Report): string {
  const rows = r.participation.map((p) => line([
    r.code, p.member, p.name, p.role, p.delegation, p.actions, p.statements, p.backChannel,
    iso(p.firstAction), iso(p.lastAction), p.delegation ? r.scores[p.delegation] : "", r.outcome?.id ?? "",
  ]));
  return [line([...STUDENT_COLUMNS]), ...rows].join("\r\n") + "\r\n";
}

export function actionsCsv(r: Report): string {
  const rows = r.log.map((e) => line([
    r.code, e.seq, iso(e.time), e.who, e.student, e.name, e.kind, String(e.action.type), JSON.stringify(e.action),
  ]));
  return [line([...ACTION_COLUMNS]), ...rows].join("\r\n") + "\r\n";
}
