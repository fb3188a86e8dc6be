/**
 * The debrief: outcome with its reason, each delegation's score split by objective (with ¶),
 * secret aims revealed, the whole story round by round (decisive moments marked, talk folded),
 * who talked to whom, participation, and for the facilitator the JSON/CSV/HTML reports (fetched
 * with the facilitator token, saved as files). `#debrief-simulated` is kept for the class's
 * result against simulated games: this panel leaves it empty and never clears what is put in it.
 */
import type { Code, Explanation, ScoreLine, TrackChange } from "../../shared/rules/types.ts";
import { changeText } from "../../shared/rules/context.ts";
import { backChannelMatrix, participation, ranking, scoreLines, segments, story, type Chapter, type StoryLine } from "../model/debrief.ts";
import { outcomeReason, outcomeTitle, signed } from "../model/format.ts";
import { CODES, nameOf } from "../model/palette.ts";
import type { ClientState } from "../model/store.ts";
import { logLine } from "../model/talk.ts";
import { fetchParticipation, fetchReport } from "../net/reports.ts";
import { codeTag, h, replace } from "./dom.ts";
import { participationTable } from "./participation.ts";
import { showDistribution } from "./distribution.ts";

export class DebriefPanel {
  readonly el = h("section", { class: "panel debrief", "aria-labelledby": "debrief-title" });
  private body = h("div");
  private status = h("p", { role: "status", class: "muted" });
  private rendered = "";
  /** Per-student participation, from the facilitator's JSON report. */
  private students = h("div");
  private asked = false;
  /** Filled from elsewhere (the simulated distribution); moved, never rebuilt, on re-render. */
  readonly simulated = h("section", { id: "debrief-simulated" });

  constructor() {
    this.el.append(h("h2", { id: "debrief-title" }, "Debrief"), this.body);
  }

  render(s: ClientState): void {
    showDistribution(this.el, s);
    const o = s.pub.outcome;
    // Re-render only when something the debrief shows has changed: it holds open <details>.
    const sig = JSON.stringify([o, s.pub.table.length, s.messages.length, Object.keys(s.briefings), s.briefings.BY?.notes?.length ?? 0]);
    if (sig === this.rendered) return;
    this.rendered = sig;
    if (!o) return replace(this.body, h("p", {}, "Counting the score…"));
    const why = outcomeReason(o.id);
    const lines = (c: Code): ScoreLine[] => {
      const l = scoreLines(o, c);
      if (l.length) return l;
      const b = s.briefings[c];
      return b ? b.aims.filter((a) => a.progress !== 0).map((a) => ({ aim: a.id, text: a.text, ref: a.ref, points: a.progress })) : [];
    };
    const max = Math.max(1, ...CODES.flatMap((c) => lines(c).map((l) => Math.abs(l.points))), ...CODES.map((c) => Math.abs(o.scores[c] ?? 0)));
    const matrix = backChannelMatrix(s.messages);
    const part = participation(s.pub.table, s.messages);
    replace(
      this.body,
      h("p", { class: "outcome-title" }, outcomeTitle(o.id)),
      h("p", { class: "lede" }, why.note, " ", h("span", { class: "ref" }, why.ref)),
      h("p", { class: "muted num" }, `Treaty ${o.treatyInForce ? "in force" : "not in force"} · Ukraine's security credibility ${o.credibility}`),
      // The facilitator and the students replay the game on the table (client/replay) with their own token.
      s.welcome && (s.role === "facilitator" || s.role === "player") ? h("p", {}, h("button", { type: "button", onclick: () => location.assign(`/?replay=${s.welcome!.code}`) }, "Replay this game")) : null,
      o.why ? whySection(o.why) : null,
      h("h3", {}, "Scores"),
      h(
        "ol",
        { class: "scores" },
        ...ranking(o).map((c) =>
          h(
            "li",
            { class: "score" },
            h("div", { class: "score-head" }, codeTag(c, nameOf(c)), h("b", { class: "num" }, ` ${signed(o.scores[c] ?? 0)}`)),
            h(
              "ul",
              { class: "breakdown" },
              ...lines(c).map((l) =>
                h(
                  "li",
                  {},
                  h("span", { class: `bar ${l.points < 0 ? "neg" : "pos"} tag-bg-${c}`, style: `width:${Math.round((Math.abs(l.points) / max) * 100)}%`, "aria-hidden": "true" }),
                  h("span", { class: "num" }, `${signed(l.points)} `),
                  l.text,
                  " ",
                  h("span", { class: "ref" }, l.ref),
                ),
              ),
            ),
          ),
        ),
      ),
      h("h3", {}, "Secret aims, revealed"),
      h("ul", { class: "secrets" }, ...o.revealed.map((a) => h("li", {}, codeTag(a.delegation), ` ✱ ${a.text}: scored ${signed(a.points)} `, h("span", { class: "ref" }, a.ref)))),
      this.simulated,
      storySection(story(s.pub.table, s.briefings.BY?.notes ?? [])),
      h("h3", {}, "Back channels: who wrote to whom"),
      matrixTable(matrix),
      h("h3", {}, "Participation"),
      h(
        "ul",
        { class: "participation" },
        ...CODES.map((c) => h("li", {}, codeTag(c, nameOf(c)), ` ${part[c].table} at the table · ${part[c].back} back-channel · `, s.pub.delegations[c].members.map((m) => m.name).join(", ") || (s.pub.delegations[c].bot ? "bot" : "—"))),
      ),
      this.students,
      s.role === "facilitator" && s.welcome?.facilitatorToken ? this.downloads(s.welcome.code, s.welcome.facilitatorToken) : null,
    );
    const w = s.welcome;
    if (s.role === "facilitator" && w?.facilitatorToken && !this.asked) {
      this.asked = true;
      void fetchParticipation(w.code, w.facilitatorToken).then((lines) => replace(this.students, lines.length ? participationTable(lines) : null));
    }
  }

  private downloads(code: string, token: string): HTMLElement {
    const get = async (format: "json" | "csv" | "html"): Promise<void> => {
      this.status.textContent = `Preparing the ${format.toUpperCase()} report…`;
      try {
        const res = await fetchReport(code, token, format);
        const url = URL.createObjectURL(await res.blob());
        const a = h("a", { href: url, download: `seat-at-the-table-${code}.${format}` });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        this.status.textContent = `${format.toUpperCase()} report downloaded.`;
      } catch (e) {
        this.status.textContent = `The report could not be fetched (${(e as Error).message}).`;
      }
    };
    return h(
      "div",
      { class: "downloads" },
      h("h3", {}, "Reports"),
      h(
        "div",
        { class: "row" },
        h("button", { type: "button", onclick: () => void get("json") }, "Download JSON report"),
        h("button", { type: "button", onclick: () => void get("csv") }, "Download CSV report"),
        h("button", { type: "button", onclick: () => void get("html") }, "Download printable report"),
      ),
      this.status,
    );
  }
}

/** The whole story: a chapter per round, decisive moments marked, ordinary talk folded. */
function storySection(chapters: Chapter[]): HTMLElement {
  const text = (l: StoryLine) => ((w) => (w.who ? `${w.who}: ${w.text}` : w.text))(logLine(l.entry));
  const line = (l: StoryLine) =>
    h("li", { class: `moment ${l.decisive ? "decisive" : "track"} tag-${l.entry.tag ?? ""}` }, h("span", { class: "mark" }, l.mark), " ", text(l));
  const fold = (lines: StoryLine[]) =>
    h("li", { class: "fold" }, h("details", {}, h("summary", {}, `${lines.length} ${lines.length === 1 ? "line" : "lines"} of talk and moves`), h("ul", {}, ...lines.map((l) => h("li", {}, text(l))))));
  const notes = (list: TrackChange[]) =>
    list.length ? h("details", { class: "notes" }, h("summary", {}, "Belarus's own tracks (private during play)"), h("ul", {}, ...list.map((n) => h("li", {}, `${changeText(n)}.`)))) : null;
  return h(
    "section",
    { class: "story", "aria-labelledby": "story-title" },
    h("h3", { id: "story-title" }, "The talks, round by round"),
    h("p", { class: "muted" }, "Every line of the table log. Decisive moments are marked; open a fold to read the talk between them."),
    h(
      "ol",
      { class: "timeline" },
      ...chapters.map((ch) =>
        h(
          "li",
          { class: "chapter", "data-chapter": ch.key },
          h("h4", {}, ch.title, h("span", { class: "muted" }, ` · ${ch.lines.filter((l) => l.decisive).length} decisive of ${ch.lines.length} lines`)),
          h("ul", { class: "moments" }, ...segments(ch.lines).map((seg) => ("line" in seg ? line(seg.line) : fold(seg.fold)))),
          notes(ch.notes),
        ),
      ),
    ),
  );
}

/** The article's two conditions (¶16) and where this game landed, then Belarus's chain of causes. */
function whySection(why: Explanation): HTMLElement {
  const line = (label: string, r: { text: string; ref: string }) => h("li", {}, label ? h("b", {}, `${label} `) : null, r.text, " ", h("span", { class: "ref" }, r.ref));
  return h(
    "section",
    { class: "why", "aria-labelledby": "why-title" },
    h("h3", { id: "why-title" }, "Why it ended here"),
    h("p", { class: "muted" }, "Minsk's window opens only if the war stops and Moscow keeps a strong hand."),
    h("ul", { class: "conditions" }, line("Was the war stopped?", why.stopped), line("Was Moscow strong?", why.strong)),
    h("h4", {}, "Belarus's chain"),
    h("ul", { class: "chain" }, ...why.belarus.map((r) => line("", r))),
  );
}

function matrixTable(m: Record<Code, Record<Code, number>>): HTMLElement {
  return h(
    "table",
    { class: "matrix num" },
    h("caption", { class: "sr-only" }, "Back-channel messages, rows wrote to columns"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "from ↓ to →"), ...CODES.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ...CODES.map((a) => h("tr", {}, h("th", { scope: "row" }, a), ...CODES.map((b) => h("td", { class: m[a][b] ? "hot" : "" }, a === b ? "—" : String(m[a][b])))))),
  );
}
