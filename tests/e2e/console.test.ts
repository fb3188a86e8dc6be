/**
 * The facilitator's console shows each student's figures live, from the room's `participation`
 * messages: no request for the report while the class plays.
 */
import { describe, expect, it } from "vitest";
import { Client } from "@colyseus/sdk";
import { browserSuite, person } from "./harness.ts";

const suite = browserSuite();

describe("console", () => {
  it("participation per student updates live over the socket, without asking for the report", async () => {
    const teacher = await person(suite.browser);
    suite.people.push(teacher);
    const t = teacher.page;
    const reports: string[] = [];
    t.on("request", (r) => { if (r.url().includes("/report")) reports.push(r.url()); });
    await t.goto(suite.server.url);
    await t.getByLabel("Your name").fill("Ms Novak");
    await t.getByRole("button", { name: "Create a class session" }).click();
    await t.waitForFunction(() => (document.querySelector('[data-testid="join-code"]')?.textContent ?? "").trim().length === 6, undefined, { timeout: 15_000 });
    const code = ((await t.getByTestId("join-code").textContent()) ?? "").trim();
    const ws = suite.server.url.replace("http", "ws");
    const alesia = await new Client(ws).joinById(code, { name: "Alesia", role: "player", delegation: "BY" });
    const dmitri = await new Client(ws).joinById(code, { name: "Dmitri", role: "player", delegation: "RU" });
    alesia.onMessage("*", () => undefined);
    dmitri.onMessage("*", () => undefined);
    await t.getByText("Dmitri").first().waitFor({ timeout: 15_000 });
    await t.getByRole("button", { name: "Start", exact: true }).click();
    await t.getByRole("button", { name: "Advance phase" }).waitFor({ timeout: 15_000 });
    for (let i = 0; i < 6; i++) alesia.send("action", { type: "say", to: i % 2 ? "table" : ["RU"], text: `Alesia ${i}` });
    for (let i = 0; i < 3; i++) dmitri.send("action", { type: "say", to: "table", text: `Dmitri ${i}` });
    const table = t.getByRole("table", { name: "Participation per student" });
    const row = (name: string) => table.getByRole("row").filter({ has: t.getByRole("rowheader", { name }) });
    await expect.poll(async () => (await row("Alesia").innerText()).split(/\s+/).join(" "), { timeout: 15_000 }).toBe("Alesia BY 6 3 3");
    await expect.poll(async () => (await row("Dmitri").innerText()).split(/\s+/).join(" "), { timeout: 15_000 }).toBe("Dmitri RU 3 3 0");
    expect(reports).toEqual([]);
    await alesia.leave();
    await dmitri.leave();
  }, 120_000);

  it("lists spectators under Watching, and removing one closes its connection", async () => {
    const teacher = await person(suite.browser);
    suite.people.push(teacher);
    const t = teacher.page;
    t.on("dialog", (d) => void d.accept());
    await t.goto(suite.server.url);
    await t.getByLabel("Your name").fill("Ms Novak");
    await t.getByRole("button", { name: "Create a class session" }).click();
    await t.waitForFunction(() => (document.querySelector('[data-testid="join-code"]')?.textContent ?? "").trim().length === 6, undefined, { timeout: 15_000 });
    const code = ((await t.getByTestId("join-code").textContent()) ?? "").trim();
    const ws = suite.server.url.replace("http", "ws");
    const ivan = await new Client(ws).joinById(code, { name: "Ivan", role: "player", delegation: "RU" });
    ivan.onMessage("*", () => undefined);
    await t.getByText("Ivan").first().waitFor({ timeout: 15_000 });
    await t.getByRole("button", { name: "Start", exact: true }).click();
    await t.getByRole("button", { name: "Advance phase" }).waitFor({ timeout: 15_000 });
    const stranger = await new Client(ws).joinById(code, { name: "Stranger", role: "spectator" });
    stranger.onMessage("*", () => undefined);
    let left = -1;
    stranger.onLeave((c) => { left = c; });
    const watching = t.getByRole("list", { name: "Spectators" });
    await watching.getByText("Stranger").waitFor({ timeout: 15_000 });
    await watching.getByRole("button", { name: "Remove Stranger" }).click();
    await expect.poll(() => left, { timeout: 15_000 }).not.toBe(-1);
    await expect.poll(() => watching.count(), { timeout: 15_000 }).toBe(0);
    await ivan.leave();
  }, 120_000);
});
