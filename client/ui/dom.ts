/**
 * A tiny element builder. Strings always become text nodes (textContent), never HTML: names
 * and chat are typed by students.
 */
export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | undefined | null | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, "").toLowerCase(), v);
    else if (k === "class") el.className = String(v);
    else if (k === "text") el.textContent = String(v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's children, keeping focus where it was when the same id returns. */
export function replace(el: Element, ...children: Child[]): void {
  const active = document.activeElement as HTMLElement | null;
  const focusId = active && el.contains(active) ? active.getAttribute("data-focus") : null;
  el.replaceChildren();
  append(el, children);
  if (focusId) (el.querySelector(`[data-focus="${CSS.escape(focusId)}"]`) as HTMLElement | null)?.focus();
}

/** A delegation tag: colour swatch plus code, never colour alone. */
export function codeTag(code: string, label?: string): HTMLSpanElement {
  return h("span", { class: `tag tag-${code}` }, h("b", {}, code), label ? ` ${label}` : null);
}

let reasonSeq = 0;
/**
 * A move's button. Unavailable moves stay visible but disabled, with the engine's reason in the
 * tooltip and, for screen readers, in a description (so the button's name stays its label). The
 * move's plain-words effect and cost (`description`) is its tooltip and part of its description;
 * with `shown` it is also printed beside the button.
 */
export function moveButton(label: string, ok: boolean, reason: string | undefined, onClick: () => void, focusKey?: string, description?: string, shown = false): HTMLElement {
  const b = h("button", { type: "button", "data-focus": focusKey, onclick: () => ok && onClick() }, label);
  b.disabled = !ok;
  const why = !ok && reason ? `Unavailable: ${reason}` : "";
  b.title = [description, !ok && reason ? reason : ""].filter(Boolean).join(" — ");
  if (!why && !description) return b;
  const id = `why-${++reasonSeq}`;
  b.setAttribute("aria-describedby", shown && description ? `${id}-d ${id}` : id);
  const text = [why, shown ? "" : description].filter(Boolean).join(" ");
  return h(
    "span",
    { class: shown ? "move move-described" : "move" },
    b,
    shown && description ? h("span", { class: "move-desc", id: `${id}-d` }, description) : null,
    h("span", { id, class: "sr-only" }, text),
  );
}

export const reducedMotion = (): boolean => matchMedia("(prefers-reduced-motion: reduce)").matches;
