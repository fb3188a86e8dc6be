/**
 * The console's token in the browser, in Chromium against the
 * built client and the real server:
 * - a link with `?server=` pointing elsewhere sends nothing there (a recording listener counts);
 * - a refresh while the server is away keeps the saved token, says it is retrying, and gets the
 *   seat back when the server returns; a token the server calls dead is forgotten;
 * - the app page's CSP and frame policy hold, and the client still works under them (Vite
 *   chunks, Phaser, the same-origin socket, the QR code), with no policy violation.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuite, freePort, person, shot, type Person } from "./harness.ts";

const suite = browserSuite();

/** A stranger's server that records every request made to it. */
let evil: Server;
let evilPort = 0;
const evilHits: string[] = [];
beforeAll(async () => {
  evilPort = await freePort();
  evil = createServer((req: IncomingMessage, res) => {
    evilHits.push(`${req.method} ${req.url}`);
    if (req.url === "/frame") {
      res.writeHead(200, { "Content-Type": "text/html" });
      return void res.end(`<!doctype html><iframe id="f" src="${suite.server.url}/" width="800" height="600"></iframe>`);
    }
    res.writeHead(200, { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" });
    res.end("{}");
  });
  evil.on("upgrade", (req, socket) => (evilHits.push(`UPGRADE ${req.url}`), socket.destroy()));
  await new Promise<void>((r) => evil.listen(evilPort, "127.0.0.1", r));
});
afterAll(() => new Promise<void>((r) => evil.close(() => r())));

/** Records CSP violations the page reports (from the first script on). */
async function watchCsp(p: Person): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  p.page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleErrors.push(m.text());
  });
  await p.page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...consoleErrors, ...(await p.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

async function createSession(p: Person): Promise<string> {
  const t = p.page;
  await t.goto(suite.server.url);
  await t.getByLabel("Your name").fill("Ms Novak");
  await t.getByRole("button", { name: "Create a class session" }).click();
  const codeEl = t.getByTestId("join-code");
  await expect.poll(async () => (await codeEl.textContent())?.trim().length ?? 0, { timeout: 20_000 }).toBe(6);
  return ((await codeEl.textContent()) ?? "").trim();
}

const savedFor = (p: Person, code: string) =>
  p.page.evaluate((c) => JSON.parse(localStorage.getItem(`seat-at-the-table:${c}`) ?? "{}") as { playerToken?: string; facilitatorToken?: string }, code);

describe("the console's token stays home", () => {
  it("the app page sends its CSP and frame policy, and the client works under them (nothing it needs is refused)", async () => {
    const teacher = await person(suite.browser);
    suite.people.push(teacher);
    const violations = await watchCsp(teacher);
    const res = await fetch(`${suite.server.url}/?code=ABCDEF`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-powered-by")).toBeNull();

    const code = await createSession(teacher);
    const t = teacher.page;
    // The QR code is drawn (a canvas with dark pixels), the socket is up, Phaser's chunk ran.
    const qr = t.getByRole("img", { name: "QR code for the join URL" });
    await qr.waitFor();
    await expect
      .poll(() => qr.evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? [];
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i]! < 60) dark++;
        return dark;
      }), { timeout: 15_000 })
      .toBeGreaterThan(500);
    await expect.poll(() => t.getByTestId("connection").textContent(), { timeout: 15_000 }).toBe("Connected");
    await expect.poll(() => t.evaluate(() => !!(window as unknown as { __game?: unknown }).__game), { timeout: 30_000 }).toBe(true);
    await shot(t, "csp-console");
    // Nothing the client needs was refused. The one refusal allowed is msgpackr's attempt to
    // compile a faster decoder with Function() — refused by `script-src 'self'`, after which it
    // decodes without it (the socket and state above prove the client works).
    const seen = await violations();
    expect(seen.filter((v) => !/^script-src(-elem)? eval|'unsafe-eval'|unsafe-eval/.test(v))).toEqual([]);
    expect(seen.length).toBeLessThanOrEqual(2);
    // And what the policy is for: an injected inline handler does not run.
    await t.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src=x onerror="window.__xss=9">'));
    await t.waitForTimeout(300);
    expect(await t.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    // Another site cannot frame the console.
    const framer = await person(suite.browser);
    suite.people.push(framer);
    await framer.page.goto(`http://127.0.0.1:${evilPort}/frame`);
    await framer.page.waitForTimeout(1500);
    const frame = framer.page.frames().find((f) => f !== framer.page.mainFrame());
    const framed = frame ? await frame.evaluate(() => !!document.querySelector("#app")).catch(() => false) : false;
    expect(framed).toBe(false);
  });

  it("a link with ?server= pointing elsewhere sends nothing there: the console rejoins its own origin", async () => {
    const teacher = await person(suite.browser);
    suite.people.push(teacher);
    const code = await createSession(teacher);
    const t = teacher.page;
    const token = (await savedFor(teacher, code)).facilitatorToken;
    expect(token).toBeTruthy();
    evilHits.length = 0;
    await t.goto(`${suite.server.url}/?code=${code}&role=facilitator&server=http://127.0.0.1:${evilPort}`);
    await expect.poll(() => t.getByTestId("connection").textContent(), { timeout: 20_000 }).toBe("Connected");
    await t.getByRole("button", { name: "Start", exact: true }).waitFor({ timeout: 15_000 });
    await t.waitForTimeout(500);
    expect(evilHits).toEqual([]);
    expect((await savedFor(teacher, code)).facilitatorToken).toBe(token);
  });
});

describe("a refresh at the wrong moment keeps the seat", () => {
  it("while the server cannot seat anyone (away, then restoring) the page keeps the token, says it is retrying, and rejoins", async () => {
    const teacher = await person(suite.browser);
    suite.people.push(teacher);
    const code = await createSession(teacher);
    const student = await person(suite.browser);
    suite.people.push(student);
    const s = student.page;
    await s.goto(`${suite.server.url}/?code=${code}`);
    await s.getByLabel("Your name").fill("Alesia");
    await s.getByRole("button", { name: "Join", exact: true }).click();
    await s.getByRole("button", { name: "Belarus", exact: true }).click();
    await expect.poll(() => s.getByTestId("connection").textContent(), { timeout: 20_000 }).toBe("Connected");
    const token = (await savedFor(student, code)).playerToken;
    expect(token).toBeTruthy();

    // The student refreshes at the wrong moment: first the game server cannot be reached at all
    // (the page itself came from cache or a proxy), then it answers as a restarting server does
    // before it has restored this game ("room not found").
    let phase: "away" | "restoring" | "back" = "away";
    await s.route("**/matchmake/**", (route) => {
      if (phase === "away") return route.abort("connectionrefused");
      if (phase === "restoring") return route.fulfill({ status: 522, contentType: "application/json", body: JSON.stringify({ code: 522, error: `room "${code}" not found` }) });
      return route.continue();
    });
    await s.reload();
    const status = s.getByRole("status").filter({ hasText: `Reconnecting to ${code}` });
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/cannot be reached/);
    expect(await status.textContent()).toMatch(/Your seat is kept; trying again in \d+ s/);
    await shot(s, "rejoin-retrying");
    expect((await savedFor(student, code)).playerToken).toBe(token);
    phase = "restoring";
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/not open yet/);
    expect((await savedFor(student, code)).playerToken).toBe(token);
    phase = "back";
    await expect.poll(() => s.getByTestId("connection").textContent(), { timeout: 40_000 }).toBe("Connected");
    await expect.poll(() => s.locator(".topbar .who").textContent()).toContain("BY");
    expect((await savedFor(student, code)).playerToken).toBe(token);
    await s.unroute("**/matchmake/**");
  });

  it("a token the server calls dead (join/bad_token) is forgotten, and the student is offered the join form", async () => {
    const teacher = await person(suite.browser);
    suite.people.push(teacher);
    const code = await createSession(teacher);
    const student = await person(suite.browser);
    suite.people.push(student);
    const s = student.page;
    await s.goto(`${suite.server.url}/`);
    await s.evaluate((c) => localStorage.setItem(`seat-at-the-table:${c}`, JSON.stringify({ name: "Alesia", playerToken: "A".repeat(24) })), code);
    await s.goto(`${suite.server.url}/?code=${code}`);
    await s.getByRole("button", { name: "Join", exact: true }).waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await savedFor(student, code)).playerToken, { timeout: 10_000 }).toBeUndefined();
  });
});
