/**
 * Text sizes without a browser: a conservative width estimate (wider than the system sans-serif
 * fonts draw, so what the layout accepts fits when drawn) and wrapping or truncation to a box.
 * The scene trims again with real font metrics, so a label never spills out of its rectangle.
 */

/** No text on the canvas is smaller than this, in CSS pixels. */
export const MIN_TEXT = 12;

/** Line height for a font size. */
export const lineH = (size: number): number => Math.ceil(size * 1.25);

/** Estimated advance of one character, in ems (DejaVu Sans / Arial-like metrics, rounded up). */
function advance(ch: string): number {
  if (ch === " ") return 0.33;
  if ("iljtfr.,:;'|!()[]".includes(ch)) return 0.42;
  if (ch === "m" || ch === "w") return 0.92;
  if (ch === "M" || ch === "W") return 1.0;
  if (/[A-Z]/.test(ch)) return 0.76;
  if (/[0-9]/.test(ch)) return 0.66;
  if (ch.charCodeAt(0) > 0x2000) return 1.0; // symbols: ◆ ★ ✓ ✗ ✍ · ¶ → …
  return 0.62;
}

export function textWidth(s: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of s) w += advance(ch);
  return Math.ceil(w * size * (bold ? 1.1 : 1));
}

/** Cuts a line to `width`, ending in "…" when anything was cut. */
export function truncate(s: string, width: number, size: number, bold = false): string {
  if (textWidth(s, size, bold) <= width) return s;
  const chars = [...s];
  while (chars.length && textWidth(`${chars.join("").trimEnd()}…`, size, bold) > width) chars.pop();
  return chars.length ? `${chars.join("").trimEnd()}…` : "";
}

/**
 * Word-wraps `s` into at most `maxLines` lines of `width`; the last line is truncated with "…"
 * when the text is longer (so is a word longer than a line).
 */
export function wrap(s: string, width: number, size: number, maxLines: number, bold = false): string[] {
  const words = s.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = "";
  for (let i = 0; i < words.length; i++) {
    const next = cur ? `${cur} ${words[i]}` : words[i];
    if (textWidth(next, size, bold) <= width) {
      cur = next;
      continue;
    }
    if (cur) lines.push(cur);
    cur = words[i];
    if (lines.length === maxLines) break;
  }
  if (cur && lines.length < maxLines) lines.push(cur);
  if (lines.length > maxLines) lines.length = maxLines;
  const shown = lines.join(" ").split(/\s+/).filter(Boolean).length;
  const cut = shown < words.length || lines.some((l) => textWidth(l, size, bold) > width);
  if (cut && lines.length) {
    const last = lines.length - 1;
    const rest = shown < words.length ? `${lines[last]} ${words.slice(shown).join(" ")}` : lines[last];
    lines[last] = truncate(rest, width, size, bold);
    for (let i = 0; i < last; i++) lines[i] = truncate(lines[i], width, size, bold);
  }
  return lines.filter((l) => l.length > 0);
}
