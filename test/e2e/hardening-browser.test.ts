import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, startServer, type TestServer } from "../support/http-helpers.ts";

const CHROMIUM = "/usr/bin/chromium";
const READ = "read-token-for-the-browser";
/** Markup that would run if any render path parsed text as HTML. */
const HOSTILE = `<img src=x onerror="window.pwned=1"><script>window.pwned=1</script><b>bold</b>`;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with 'apt-get install -y chromium' (.ci/run does)`);
  server = await startServer({ readToken: READ });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page that records script errors and content-security-policy violations. */
async function openPage(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`error: ${err.message}`));
  page.on("console", (m) => void (m.text().includes("Content Security Policy") && problems.push(`csp: ${m.text()}`)));
  await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(`${server.url}${path}`);
  return { page, problems };
}

const pointCount = (page: Page) => page.locator('[data-testid="point-count"]').first().textContent();
const shownDay = (page: Page, day: string) => page.waitForFunction((d) => document.querySelector('[data-testid="state-at"]')?.textContent === d, day);

describe("the dashboard on a server whose reads need a token", () => {
  it("asks for the token, refuses a wrong one, and with the right one shows the record and follows it live", async () => {
    const { page, problems } = await openPage("/");
    const form = page.locator('[data-testid="token-form"]');
    await form.waitFor({ state: "visible" });
    await page.locator('[data-testid="token-input"]').fill("a guess");
    await page.locator('[data-testid="token-form"] button').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="token-problem"]')?.textContent?.includes("not this server's read token"));
    await page.locator('[data-testid="token-input"]').fill(READ);
    await page.locator('[data-testid="token-form"] button').click();
    await form.waitFor({ state: "hidden" });
    await shownDay(page, "2025-12-03");
    expect(await pointCount(page)).toBe("22");
    await page.waitForSelector('[data-testid="live-status"][data-state="live"]');
    expect(await page.evaluate(() => document.cookie)).toBe(""); // HttpOnly: no script can read the session
    expect(problems).toEqual([]);
    await page.close();
  });

  it("opens from a link carrying the token after #token=, and takes the token out of the address", async () => {
    const { page, problems } = await openPage(`/#token=${READ}&at=2025-11-21`);
    await shownDay(page, "2025-11-21");
    expect(await pointCount(page)).toBe("28");
    expect(page.url()).not.toContain(READ);
    expect(await page.locator('[data-testid="token-form"]').isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("every render path shows text from the sources as text", () => {
  const source = (extra: Record<string, unknown> = {}) => ({
    outlet: `Wire ${HOSTILE}`,
    title: `Title ${HOSTILE}`,
    publishedAt: "2025-12-05",
    url: `https://example.org/report?q=${encodeURIComponent(HOSTILE)}`,
    quote: `Quote ${HOSTILE}`,
    ...extra,
  });
  const envelope = { occurredAt: { date: "2025-12-05", precision: "day", label: `Friday ${HOSTILE}` }, reportedAt: "2025-12-05", sources: [source()] };
  const events = [
    {
      type: "PlanPublished",
      ...envelope,
      data: {
        planId: "hostile-plan",
        title: `Plan ${HOSTILE}`,
        sponsor: "europe",
        manner: "published",
        pointCount: 3,
        points: [{ pointId: "hostile-plan/one", summary: `Point ${HOSTILE}` }],
        reception: HOSTILE,
      },
    },
    {
      type: "MeetingHeld",
      ...envelope,
      data: {
        meetingId: "hostile-meeting",
        place: `Place ${HOSTILE}`,
        participants: [{ name: `Name ${HOSTILE}`, party: "europe", role: `Role ${HOSTILE}` }],
        round: HOSTILE,
        outcome: `Outcome ${HOSTILE}`,
      },
    },
    {
      type: "DocumentsPresented",
      ...envelope,
      data: {
        documentSetId: "hostile-docs",
        presentedBy: "europe",
        presentedTo: ["us"],
        count: 1,
        meetingId: "hostile-meeting",
        titles: [HOSTILE],
        description: `Documents ${HOSTILE}`,
      },
    },
    {
      type: "StatementMade",
      ...envelope,
      data: { speaker: `Speaker ${HOSTILE}`, party: "europe", summary: `Summary ${HOSTILE}`, subject: `Subject ${HOSTILE}`, claim: `Claim one ${HOSTILE}` },
    },
    {
      type: "StatementMade",
      ...envelope,
      data: { speaker: "Another speaker", party: "europe", summary: "another account", subject: `Subject ${HOSTILE}`, claim: `Claim two ${HOSTILE}` },
    },
    { type: "OfficialAppointed", ...envelope, data: { person: `Person ${HOSTILE}`, party: "europe", role: `Envoy ${HOSTILE}` } },
    {
      type: "StanceStated",
      ...envelope,
      data: { party: "europe", issue: "territory", position: "rejects", speaker: `Speaker ${HOSTILE}`, quote: `Stance ${HOSTILE}`, basis: `Basis ${HOSTILE}` },
    },
  ];

  it("plan, points, meetings, documents, disputes, people, stances, timeline and the sources dialog", async () => {
    const { page, problems } = await openPage(`/#token=${READ}`);
    await page.waitForSelector('[data-testid="live-status"][data-state="live"]');
    const { status } = await post(server.url, { events });
    expect(status).toBe(201);
    await page.waitForSelector('[data-testid="meeting-hostile-meeting"]');
    await page.locator("#at-date").fill("2025-12-06");
    await shownDay(page, "2025-12-06");
    await page.waitForFunction(() => document.querySelector("#disputes-body")?.textContent?.includes("Claim two"));

    for (const section of ["#plans-body", "#meetings-body", "#disputes-body", "#people-body", "#stances-body", "#timeline-body"]) {
      const text = await page.locator(section).textContent();
      expect(text, section).toContain(HOSTILE);
    }
    await page.locator('[data-testid="meeting-hostile-meeting"] [data-testid="sources-button"]').last().click();
    const dialog = page.locator("#sources-dialog");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.textContent()).toContain(`Title ${HOSTILE}`);
    expect(await dialog.textContent()).toContain(`Quote ${HOSTILE}`);
    const hrefs = await dialog.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h?.startsWith("https://example.org/report?q="))).toBe(true);
    await page.keyboard.press("Escape");

    // Nothing was parsed as markup: no element from the payload exists, and no script of it ran.
    expect(await page.locator("img, b").count()).toBe(0);
    // The only scripts are the page's own three files (the charting library and the app), none inline.
    expect(await page.locator("script").evaluateAll((scripts) => scripts.map((s) => s.getAttribute("src")))).toEqual(["/vendor/d3.min.js", "/vendor/plot.umd.min.js", "app.js"]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });
});
