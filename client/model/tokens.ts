/**
 * Tokens kept per join code so a refresh rejoins silently. Storage is injected so Node tests
 * can use a Map; the browser passes localStorage.
 */
export interface KeyValue {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  removeItem(k: string): void;
}

export interface Saved {
  playerToken?: string;
  facilitatorToken?: string;
  name?: string;
  /** This browser started the game as a solo game (the debrief offers "Play again"). */
  solo?: boolean;
}

const key = (code: string): string => `seat-at-the-table:${code.toUpperCase()}`;

export function loadSaved(kv: KeyValue, code: string): Saved {
  try {
    const raw = kv.getItem(key(code));
    return raw ? (JSON.parse(raw) as Saved) : {};
  } catch {
    return {};
  }
}

export function save(kv: KeyValue, code: string, patch: Saved): void {
  try {
    kv.setItem(key(code), JSON.stringify({ ...loadSaved(kv, code), ...patch }));
  } catch {
    /* private mode or full storage: rejoining by hand still works */
  }
}

export function forget(kv: KeyValue, code: string, what: keyof Saved): void {
  const s = loadSaved(kv, code);
  delete s[what];
  try {
    kv.setItem(key(code), JSON.stringify(s));
  } catch {
    /* ignore */
  }
}

/** Upper-cases and strips what people type around a code ("abc 123" → "ABC123"). */
export function cleanCode(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 6);
}

/** Where the app starts from the URL: ?code=ABC123, ?view=projector, ?role=facilitator. */
export function route(search: string): { code: string; projector: boolean; facilitator: boolean } {
  const q = new URLSearchParams(search);
  return {
    code: cleanCode(q.get("code") ?? ""),
    projector: q.get("view") === "projector",
    facilitator: q.get("role") === "facilitator",
  };
}
