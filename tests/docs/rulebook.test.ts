import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("docs/RULES.md", () => {
  it("matches the scenario data it is generated from", () => {
    // Throws (exit 1) when the rulebook no longer matches shared/scenario.
    expect(() => execFileSync(process.execPath, ["scripts/rulebook.ts", "--check"], { stdio: "pipe" })).not.toThrow();
  });
});
