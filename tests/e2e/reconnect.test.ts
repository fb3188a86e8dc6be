/**
 * A dropped connection is visible ("Reconnecting…") and heals by itself: the server is killed
 * mid-game and started again on the same port and data; the student's page rejoins its seat
 * with the saved token, without a click.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launch, person, startServer, type Person, type RunningServer } from "./harness.ts";

let server: RunningServer;
let browser: Browser;
const people: Person[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});

afterAll(async () => {
  for (const p of people) expect(p.errors.map(String)).toEqual([]);
  await browser?.close();
  await server?.stop();
});

describe("reconnect", () => {
  it("shows Reconnecting… while the server is away and rejoins the same seat after a restart", async () => {
    const player = await person(browser);
    people.push(player);
    const page = player.page;
    await page.goto(server.url);
    await page.getByRole("button", { name: "Play as Belarus" }).click();
    await page.getByRole("button", { name: "Ready", exact: true }).waitFor({ timeout: 20_000 });
    const status = page.getByTestId("connection");
    await expect.poll(() => status.textContent()).toBe("Connected");

    await server.stop(true);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe("Reconnecting…");
    server = await startServer({ port: server.port, dataDir: server.dataDir });
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toBe("Connected");
    await expect.poll(() => page.locator(".topbar .who").textContent()).toContain("BY");
    await page.getByRole("button", { name: "Ready", exact: true }).waitFor({ timeout: 15_000 });
  });
});
