import { describe, expect, it } from "vitest";
import { repairMojibake } from "../../events/mojibake.ts";
import { seedText } from "../support/chronicle.ts";

describe("repairing text decoded as Thai", () => {
  it("restores quotes, apostrophes and no-break spaces", () => {
    expect(repairMojibake("Putinโ€™s aide")).toBe("Putin’s aide");
    expect(repairMojibake("โ€œSome of the American proposals")).toBe("“Some of the American proposals");
    expect(repairMojibake("the work will continue,โ€ Putin")).toBe("the work will continue,” Putin");
    expect(repairMojibake("territorial issues.ย ")).toBe("territorial issues.");
    expect(repairMojibake("a cafรฉ")).toBe("a café");
  });

  it("leaves clean text, and real Thai, alone", () => {
    const clean = "Ukraine’s NATO membership ‘key question’";
    expect(repairMojibake(clean)).toBe(clean);
    expect(repairMojibake("ภาษาไทย")).toBe("ภาษาไทย");
  });

  it("leaves no mis-decoded run in any seed article", () => {
    for (const seed of ["000_0a8234fe7da3e909.txt", "001_5e83baba2592feae.txt", "002_4ca82ed4cbe05626.txt", "003_44546d9352da7b62.txt", "004_e3b7d55a668e5e7c.txt"])
      expect(repairMojibake(seedText(seed)), seed).not.toMatch(/[\u0e00-\u0e7f]/);
  });
});
