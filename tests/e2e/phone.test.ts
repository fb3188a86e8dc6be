/**
 * The student flow on a phone-sized screen (375×667): join by code as Belarus, read the
 * briefing tab, switch to the actions tab and make a move the teacher's log shows.
 */
import { describe, expect, it } from "vitest";
import { browserSuite, person, shot } from "./harness.ts";

const suite = browserSuite();

describe("phone", () => {
  it("a student on a 375×667 screen joins, reads the briefing and makes a move", async () => {
    const teacher = await person(suite.browser);
    suite.people.push(teacher);
    const t = teacher.page;
    await t.goto(suite.server.url);
    await t.getByRole("button", { name: "Create a class session" }).click();
    const code = (await t.getByTestId("join-code").textContent({ timeout: 15_000 })) ?? "";
    expect(code).toHaveLength(6);

    // This student also prefers reduced motion: the table must still work with every tween at 0 ms.
    const student = await person(suite.browser, { width: 375, height: 667 }, "reduce");
    suite.people.push(student);
    const s = student.page;
    await s.goto(suite.server.url);
    await s.getByLabel("Join code").fill(code.toLowerCase());
    await s.getByLabel("Your name").fill("Mikalai");
    await s.getByRole("button", { name: "Join", exact: true }).click();
    await s.getByRole("button", { name: "Belarus", exact: true }).click();
    await t.getByText("Mikalai").first().waitFor({ timeout: 15_000 });
    await t.getByRole("button", { name: "Start", exact: true }).click();
    await t.getByRole("button", { name: "Advance phase" }).click({ timeout: 15_000 });

    // Panels are tabs on a phone: only the selected one is shown.
    const tabs = s.getByRole("tab");
    await expect.poll(() => tabs.count(), { timeout: 15_000 }).toBe(4);
    await s.locator(".briefing .aim").first().waitFor({ timeout: 15_000 });
    expect(await s.locator(".actions").isVisible()).toBe(false);
    await shot(s, "phone-briefing");
    await s.getByRole("tab", { name: "Actions" }).click();
    const formula = s.getByRole("button", { name: /peace formula/i });
    await expect.poll(() => formula.isEnabled(), { timeout: 15_000 }).toBe(true);
    await formula.click();
    await t.locator('[role="log"]').getByText(/peace formula/i).first().waitFor({ timeout: 15_000 });
    // Nothing overflows sideways on a phone.
    const overflow = await s.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(s, "phone");
  });
});
