/**
 * The facilitator's reports over HTTP (not the game socket): the token goes in a Bearer
 * header, never in a URL, so it stays out of server logs and browser history.
 */
export type ReportFormat = "json" | "csv" | "html";

export interface ParticipationLine {
  member: string;
  name: string;
  role: string;
  delegation: string;
  actions: number;
  statements: number;
  backChannel: number;
}

/** The teacher's time zone, so the printable report's times are local ("" when the browser has none). */
export const localTimeZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  } catch {
    return "";
  }
};

export async function fetchReport(code: string, token: string, format: ReportFormat): Promise<Response> {
  const tz = format === "html" ? localTimeZone() : "";
  const res = await fetch(`/api/games/${encodeURIComponent(code)}/report?format=${format}${tz ? `&tz=${encodeURIComponent(tz)}` : ""}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res;
}

/** Per-student participation from the JSON report; [] when it cannot be had. */
export async function fetchParticipation(code: string, token: string): Promise<ParticipationLine[]> {
  try {
    const json = (await (await fetchReport(code, token, "json")).json()) as { participation?: ParticipationLine[] };
    return Array.isArray(json.participation) ? json.participation.filter((p) => p.role === "player") : [];
  } catch {
    return [];
  }
}
