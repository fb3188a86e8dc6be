/**
 * A dropped connection is visible ("Reconnecting…") and heals by itself: the server is killed
 * mid-game and started again on the same port and data; the student's page rejoins its seat
 * with the saved token, without a click.
 */
import { describe, expect, it } from "vitest";
import { browserSuite, person, startServer } from "./harness.ts";

const suite = browserSuite();

describe("reconnect", () => {
  it("shows Reconnecting… while the server is away and rejoins the same seat after a restart", async () => {
    const player = await person(suite.browser);
    suite.people.push(player);
    const page = player.page;
    await page.goto(suite.server.url);
    await page.getByRole("button", { name: "Play as Belarus" }).click();
    await page.getByRole("button", { name: "Ready", exact: true }).waitFor({ timeout: 20_000 });
    const status = page.getByTestId("connection");
    await expect.poll(() => status.textContent()).toBe("Connected");

    await suite.server.stop(true);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe("Reconnecting…");
    suite.server = await startServer({ port: suite.server.port, dataDir: suite.server.dataDir });
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toBe("Connected");
    await expect.poll(() => page.locator(".topbar .who").textContent()).toContain("BY");
    await page.getByRole("button", { name: "Ready", exact: true }).waitFor({ timeout: 15_000 });
  });
});
