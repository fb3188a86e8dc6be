/** Channels and log lines for the talk panel and the table log. */
import type { Code, PrivateMessage, TableEntry } from "../../shared/rules/types.ts";
import { nameOf } from "./palette.ts";

/** Back-channel messages between the viewer and one other delegation, oldest first. */
export function channel(messages: PrivateMessage[], me: Code, other: Code): PrivateMessage[] {
  return messages.filter((m) => (m.from === me && m.to.includes(other)) || (m.from === other && m.to.includes(me)));
}

/** Unordered pairs that have talked, for the facilitator's read-only view. */
export function pairs(messages: PrivateMessage[]): { key: string; a: Code; b: Code; list: PrivateMessage[] }[] {
  const out = new Map<string, { key: string; a: Code; b: Code; list: PrivateMessage[] }>();
  for (const m of messages)
    for (const to of m.to) {
      const [a, b] = [m.from, to].sort() as [Code, Code];
      const key = `${a}-${b}`;
      const e = out.get(key) ?? { key, a, b, list: [] };
      e.list.push(m);
      out.set(key, e);
    }
  return [...out.values()];
}

/** A table entry in words, for the log and the projector ticker. */
export function logLine(e: TableEntry): { who: string; text: string } {
  if (e.kind === "event") return { who: e.from && e.from !== "chair" ? `${e.from}` : "", text: e.text };
  if (e.kind === "press") return { who: `${e.from} (${nameOf(e.from)}, press statement from outside the room)`, text: e.text };
  return { who: e.from === "chair" ? "Chair" : `${e.from} (${nameOf(e.from)})`, text: e.text };
}

export function entryKey(e: TableEntry, i: number): string {
  return `${i}|${e.round}|${e.kind}|${e.from}|${e.text}`;
}
