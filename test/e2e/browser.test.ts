import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, startServer, type TestServer } from "../support/http-helpers.ts";
import { FISHING, fishingOpened, fishingStance } from "../support/fishing.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = new URL("../artifacts/", import.meta.url);

let server: TestServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  // CI installs Debian's chromium; a missing browser is a broken setup, not a reason to skip.
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with 'apt-get install -y chromium' (.ci/run does)`);
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on("pageerror", (err) => pageErrors.push(err.message));
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = (testId: string) => page.locator(`[data-testid="${testId}"]`).first().textContent();

/** Waits until the page shows the state for `day` (the answer, not just the request). */
const shownDay = (day: string) => page.waitForFunction((d) => document.querySelector('[data-testid="state-at"]')?.textContent === d, day);

const epochDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe("the dashboard", () => {
  it("opens on the latest day of the history", async () => {
    await shownDay("2025-12-03");
    expect(await text("point-count")).toBe("22");
    await page.waitForSelector('[data-testid="live-status"][data-state="live"]');
  });

  it("shows 28 points when the slider is moved to 2025-11-21", async () => {
    await page.locator("#at-slider").evaluate((slider: HTMLInputElement, day) => {
      slider.value = String(day);
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    }, epochDay("2025-11-21"));
    await shownDay("2025-11-21");
    expect(await text("point-count")).toBe("28");
  });

  it("shows 22 points for 2025-12-03 typed into the date field", async () => {
    await page.locator("#at-date").fill("2025-12-03");
    await shownDay("2025-12-03");
    expect(await text("point-count")).toBe("22");
  });

  it("shows only what the record held when 'what the record showed on' is set before the reports", async () => {
    await page.locator("#known-toggle").check();
    await page.locator("#known-date").fill("2025-12-02");
    await page.waitForFunction(() => document.querySelector("#moment")?.textContent?.includes("as the record stood on 2025-12-02"));
    expect(await page.locator('[data-testid="point-count"]').count()).toBe(0);
    expect(await page.locator("#plans-body").textContent()).toContain("No plan had been reported");
    await page.locator("#known-toggle").uncheck();
    await page.waitForFunction(() => document.querySelector("#moment")?.textContent?.includes("as known now"));
    expect(await text("point-count")).toBe("22");
  });

  it("updates without a reload when an event is appended through the API, showing a hostile quote as text", async () => {
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    const cell = page.locator('[data-testid="stance-europe-nato"]');
    expect(await cell.textContent()).toContain("no stance reported");
    const entriesBefore = await page.locator('[data-testid="timeline-entry"]').count();
    const quote = 'We will never accept this <script>window.pwned = true</script><img src=x onerror="window.pwned = true">';
    const { status } = await post(server.url, {
      type: "StanceStated",
      occurredAt: "2025-12-02",
      reportedAt: "2025-12-03",
      sources: [{ outlet: "Test Wire", title: "European reaction", publishedAt: "2025-12-03", quote }],
      data: { party: "europe", issue: "nato", position: "rejects", speaker: "EU foreign policy chief", quote },
    });
    expect(status).toBe(201);
    await page.waitForSelector('[data-testid="stance-europe-nato"][data-position="rejects"]');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await cell.textContent()).toContain("<script>window.pwned = true</script>");
    expect(await cell.locator("script, img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
    expect(await page.locator('[data-testid="timeline-entry"]').count()).toBe(entriesBefore + 1);
  });

  it("opens a fact's sources with the outlet, title and repaired quote", async () => {
    await page.locator('[data-testid="stance-europe-nato"] [data-testid="sources-button"]').click();
    const dialog = page.locator("#sources-dialog");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.textContent()).toContain("Test Wire");
    expect(await dialog.textContent()).toContain("European reaction");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });

  it("shows a negotiation picker once the store holds a second negotiation, with each one's own parties and issues", async () => {
    expect(await page.locator("#negotiation-row").isHidden()).toBe(true);
    const { status } = await post(server.url, { negotiation: FISHING, events: [fishingOpened, fishingStance({ terms: "a 16.5% share" })] });
    expect(status).toBe(201);
    await page.locator("#negotiation-row").waitFor({ state: "visible" });
    expect(await page.locator("#negotiation").inputValue()).toBe("ukraine-2025");
    expect(await text("point-count")).toBe("22");
    expect(await page.locator('[data-testid="issue-quota"]').count()).toBe(0);

    await page.locator("#negotiation").selectOption(FISHING);
    await shownDay("2026-03-02");
    await page.waitForSelector('[data-testid="stance-iceland-quota"][data-position="rejects"]');
    // The matrix is the fishing dispute's: its three parties down, its two issues across, each with its proposition.
    expect(await page.locator('[data-testid^="party-"]').allTextContents()).toEqual(
      ["NorwaystateNorway", "IcelandstateIceland", "Faroe Islandsself-governing territory"].map((t) => expect.stringContaining(t.slice(0, 6))),
    );
    expect(await page.locator('[data-testid^="issue-"]').allTextContents()).toEqual([
      "quotaEach fleet's share is fixed by the 2014 key",
      "accessFleets may fish in each other's waters",
    ]);
    expect(await page.locator('[data-testid="stance-iceland-quota"] [data-testid="terms"]').textContent()).toContain("a 16.5% share");
    expect(await page.locator('[data-testid="issue-nato"]').count()).toBe(0);
    expect(await page.locator('[data-testid="point-count"]').count()).toBe(0);
    expect(await page.locator('[data-testid="timeline-entry"]').count()).toBe(1);
    expect(await page.locator("#tagline").textContent()).toContain("North Atlantic mackerel dispute");
    expect(new URL(page.url()).hash).toContain(`negotiation=${FISHING}`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL("dashboard-fishing.png", ARTIFACTS).pathname, fullPage: true });

    await page.locator("#negotiation").selectOption("ukraine-2025");
    await shownDay("2025-12-03");
    expect(await text("point-count")).toBe("22");
    expect(await page.locator('[data-testid="issue-quota"]').count()).toBe(0);
    expect(await page.locator('[data-testid="issue-us-mediation"]').count()).toBe(1);

    // Back on the Ukraine talks, an event of the fishing dispute fetches nothing; one of these talks does.
    const stateRequests: string[] = [];
    page.on("request", (r) => void (r.url().includes("/api/state") && stateRequests.push(r.url())));
    const elsewhere = await post(server.url, { negotiation: FISHING, events: [fishingStance({ party: "norway", position: "supports", occurredAt: "2026-03-03" })] });
    expect(elsewhere.status).toBe(201);
    await page.waitForTimeout(750);
    expect(stateRequests).toEqual([]);
    const here = await post(server.url, {
      type: "StanceStated",
      occurredAt: "2025-12-03",
      reportedAt: "2025-12-03",
      sources: [{ outlet: "Test Wire", quote: "Kyiv wants guarantees." }],
      data: { party: "ukraine", issue: "security-guarantees", position: "supports" },
    });
    expect(here.status).toBe(201);
    await page.waitForSelector('[data-testid="stance-ukraine-security-guarantees"][data-position="supports"]');
    expect(stateRequests.length).toBeGreaterThan(0);
    expect(stateRequests.every((u) => u.includes("negotiation=ukraine-2025"))).toBe(true);
  });

  it("has raised no script error, and leaves a screenshot in test/artifacts/", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: new URL("dashboard.png", ARTIFACTS).pathname, fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
