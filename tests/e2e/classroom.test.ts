/**
 * A teacher creates a session, a student joins by code as Belarus, the teacher sees the student
 * and starts, the student reads the briefing and makes a move that the teacher's table shows.
 * Then a projector joins: it must show no secret aim and no back-channel text.
 */
import { describe, expect, it } from "vitest";
import { minskWindowAims } from "../../shared/scenario/minskWindowAims.ts";
import { browserSuite, person, shot } from "./harness.ts";

const suite = browserSuite();

describe("classroom", () => {
  it("teacher creates, student joins as Belarus, teacher starts, the student's move reaches the teacher's table", async () => {
    const teacher = await person(suite.browser);
    suite.people.push(teacher);
    const t = teacher.page;
    await t.goto(suite.server.url);
    await shot(t, "home");
    await t.getByLabel("Your name").fill("Ms Novak");
    await t.getByRole("button", { name: "Create a class session" }).click();
    const codeEl = t.getByTestId("join-code");
    await expect.poll(async () => (await codeEl.textContent())?.trim().length ?? 0, { timeout: 15_000 }).toBe(6);
    const code = (await codeEl.textContent()) ?? "";
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    const student = await person(suite.browser);
    suite.people.push(student);
    const s = student.page;
    await s.goto(`${suite.server.url}/?code=${code}`);
    await expect.poll(() => s.getByLabel("Join code").inputValue()).toBe(code);
    await s.getByLabel("Your name").fill("Alesia");
    await s.getByRole("button", { name: "Join", exact: true }).click();
    await s.getByRole("button", { name: "Belarus", exact: true }).click();

    await t.getByText("Alesia").first().waitFor({ timeout: 15_000 });

    // A second student takes Russia: a party, so it can draft clauses.
    const russia = await person(suite.browser);
    suite.people.push(russia);
    const r = russia.page;
    await r.goto(`${suite.server.url}/?code=${code}`);
    await r.getByLabel("Your name").fill("Dmitri");
    await r.getByRole("button", { name: "Join", exact: true }).click();
    await r.getByRole("button", { name: "Russia", exact: true }).click();
    await t.getByText("Dmitri").first().waitFor({ timeout: 15_000 });
    await shot(t, "lobby");
    await t.getByRole("button", { name: "Start", exact: true }).click();

    // The briefing: public and secret aims with their ¶ references.
    const secret = minskWindowAims.find((o) => o.delegation === "BY" && o.secret)!;
    await s.getByText(secret.text).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => s.locator(".briefing .ref").count()).toBeGreaterThan(3);

    // Belarus is absent: its words at the table become a press statement; send one.
    const words = "Minsk offers its good offices for talks.";
    await s.getByRole("textbox", { name: "Your message" }).fill(words);
    await s.getByRole("button", { name: "Send" }).click();
    await t.locator('[role="log"]').getByText(words).waitFor({ timeout: 15_000 });
    // One log for screen readers, polite, entries as list items.
    await expect(t.locator('[role="log"]').count()).resolves.toBe(1);
    await expect(t.locator('[role="log"]').getAttribute("aria-live")).resolves.toBe("polite");
    const tags = await t.locator('[role="log"] > *').evaluateAll((els) => [...new Set(els.map((e) => e.tagName))]);
    expect(tags).toEqual(["LI"]);

    // A signal move from the actions panel, once the talks are in a round.
    await t.getByRole("button", { name: "Advance phase" }).click();
    const pledge = s.getByRole("button", { name: /Nobel pledge/ });
    await expect.poll(() => pledge.isEnabled(), { timeout: 15_000 }).toBe(true);
    await pledge.click();
    await t.locator('[role="log"]').getByText(/Nobel/i).first().waitFor({ timeout: 15_000 });

    // Russia drafts guarantees for Ukraine with Belarus and Türkiye as guarantors, then supports it.
    await r.getByLabel("Clause type").selectOption("guaranteesUkraine");
    await r.getByRole("checkbox", { name: /Belarus/ }).check();
    await r.getByRole("checkbox", { name: /Türkiye/ }).check();
    const propose = r.getByRole("button", { name: /Propose clause/ });
    await expect.poll(() => propose.isEnabled(), { timeout: 15_000 }).toBe(true);
    await propose.click();
    // Bots may table clauses too: find Russia's own by its proposer and guarantors.
    const ours = (page: typeof t) => page.locator(".treaty .clause").filter({ hasText: /Proposed by\s*RU/ }).filter({ hasText: "Belarus, Türkiye" }).first();
    const card = ours(t);
    await card.waitFor({ timeout: 15_000 });
    // The proposer supports its own clause; the card says who still has to.
    await expect.poll(() => card.locator(".stance.tag-RU").textContent(), { timeout: 15_000 }).toContain("✓");
    await expect.poll(() => card.locator(".needs").textContent(), { timeout: 15_000 }).toContain("UA");
    // Russia changes its mind: the stance buttons on the card send the engine's move.
    const oppose = ours(r).getByRole("button", { name: /^Oppose/ });
    await expect.poll(async () => (await oppose.count()) > 0 && (await oppose.isEnabled()), { timeout: 15_000 }).toBe(true);
    await oppose.click();
    await expect.poll(() => card.locator(".stance.tag-RU").textContent(), { timeout: 15_000 }).toContain("✗");
    await t.waitForTimeout(600); // let the card's entrance tween finish before the screenshot
    await shot(t, "table-mid-game");
    await shot(s, "student-mid-game");

    // The teacher's refresh keeps the console (facilitator token kept per code).
    await t.reload();
    await t.getByRole("button", { name: "Advance phase" }).waitFor({ timeout: 15_000 });
    await t.locator(".treaty .clause").first().waitFor({ timeout: 15_000 });

    // Rejoin after a refresh: no questions asked, same seat.
    await s.reload();
    await s.getByText(secret.text).first().waitFor({ timeout: 15_000 }).catch(async (e) => {
      await shot(s, "debug-reload");
      console.log(await s.locator("body").innerText());
      throw e;
    });
    await expect(s.locator(".topbar .who").textContent()).resolves.toContain("BY");

    // A back-channel message that the projector must never show.
    await s.getByRole("button", { name: "RU back channel" }).click();
    const whisper = "Private: we would accept relief in exchange for prisoners.";
    await s.getByRole("textbox", { name: "Your message" }).fill(whisper);
    await s.getByRole("button", { name: "Send" }).click();
    await s.locator(".thread").getByText(whisper).waitFor();

    const projector = await person(suite.browser, { width: 1920, height: 1080 });
    suite.people.push(projector);
    const p = projector.page;
    await p.goto(`${suite.server.url}/?code=${code}&view=projector`);
    await p.locator("#table-canvas canvas").waitFor({ timeout: 15_000 });
    await p.locator('[role="log"]').getByText(words).waitFor({ timeout: 15_000 });
    await p.waitForTimeout(500);
    const text = (await p.locator("body").innerText()) ?? "";
    for (const o of minskWindowAims.filter((x) => x.secret)) expect(text).not.toContain(o.text);
    expect(text).not.toContain(whisper);
    const logSize = await p.locator('[role="log"]').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(logSize).toBeGreaterThanOrEqual(28);
    await shot(p, "projector");

    // The teacher ends the game: the debrief explains the scores and offers the reports.
    t.once("dialog", (d) => void d.accept());
    await t.getByRole("button", { name: "End game" }).click();
    const debrief = t.locator(".debrief");
    await debrief.locator(".outcome-title").waitFor({ timeout: 15_000 });
    await debrief.getByRole("table", { name: "Participation per student" }).getByText("Alesia").waitFor({ timeout: 15_000 });
    const download = t.waitForEvent("download");
    await debrief.getByRole("button", { name: "Download CSV report" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`seat-at-the-table-${code}.csv`);
    expect(await s.locator(".debrief .outcome-title").textContent({ timeout: 15_000 })).toBeTruthy();
    await shot(t, "debrief-facilitator");
  });
});
