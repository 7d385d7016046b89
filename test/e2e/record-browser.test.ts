import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN, post, startServer, type TestServer } from "../support/http-helpers.ts";
import { FISHING, fishingOpened } from "../support/fishing.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = new URL("../artifacts/", import.meta.url);

/** Written for this test: a development in the made-up fishing dispute that the record does not hold yet. */
const ARTICLE = [
  "Faroes softens line on fishing access",
  "TÓRSHAVN, 5 March 2026. The Faroe Islands rejected the access proposal on Tuesday, officials said.",
  "The government in Tórshavn wants the question of shared waters settled before the summer season.",
  // Pasted text is shown as text: markup in an article must never run.
  'A reader wrote in: <img src=x onerror="window.pwned = true"><script>window.pwned = true</script>',
].join("\n\n");
const QUOTE = "The Faroe Islands rejected the access proposal on Tuesday, officials said.";
const TERMS = "only if Faroese boats keep their licences in Icelandic waters";

let server: TestServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with 'apt-get install -y chromium' (.ci/run does)`);
  server = await startServer();
  const opened = await post(server.url, { negotiation: FISHING, events: [fishingOpened] });
  expect(opened.status).toBe(201);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  // Tall enough for the whole page: the sticky controls then sit where they belong in the screenshots.
  page = await browser.newPage({ viewport: { width: 1440, height: 3200 } });
  page.on("pageerror", (err) => problems.push(`error: ${err.message}`));
  page.on("console", (m) => void (m.text().includes("Content Security Policy") && problems.push(`csp: ${m.text()}`)));
  await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(`${server.url}/#negotiation=${FISHING}`);
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);

describe("recording a development from the dashboard", () => {
  it("signs in, drafts a pasted article, reviews a card, previews it, records it, and the page follows live", async () => {
    const cell = byTestId("stance-faroes-access");
    await cell.waitFor();
    expect(await cell.textContent()).toContain("no stance reported");
    await page.waitForSelector('[data-testid="live-status"][data-state="live"]');

    await byTestId("write-token").fill(TOKEN);
    await byTestId("write-token").press("Enter");
    await page.waitForSelector('[data-testid="write-status"][data-state="signed-in"]');
    expect(await page.evaluate(() => document.cookie)).toBe(""); // HttpOnly: no script reads the session

    await byTestId("record-text").fill(ARTICLE);
    await byTestId("record-published").fill("2026-03-05");
    await byTestId("record-outlet").fill("Harbour Gazette");
    await byTestId("record-title").fill("Faroes softens line on fishing access");
    await byTestId("record-draft").click();
    const card = page.locator('[data-testid="draft-card"][data-type="StanceStated"]').first();
    await card.waitFor();

    // Review: the date in words, the quote marked in the article, a party picked and a field fixed.
    expect(await card.locator('[data-testid="record-date"]').inputValue()).toBe("2026-03-03");
    expect(await card.locator('[data-testid="record-date-words"]').textContent()).toBe("Tuesday 3 Mar 2026, to the day");
    await card.locator('select[data-field="party"]').focus();
    expect(await byTestId("record-quote").textContent()).toBe(QUOTE);
    await card.locator('select[data-field="party"]').selectOption("faroes");
    await card.locator('select[data-field="issue"]').selectOption("access");
    await card.locator('select[data-field="position"]').selectOption("conditional");
    await card.locator('input[data-field="terms"]').fill(TERMS);
    await page.screenshot({ path: new URL("record-review.png", ARTIFACTS).pathname });

    await card.locator('[data-testid="record-preview"]').press("Enter"); // buttons answer the keyboard too
    const change = card.locator('[data-testid="preview-change"]').first();
    await change.waitFor();
    expect(await change.textContent()).toBe("stance faroes/access: added from 2026-03-03");
    expect(await card.locator('[data-testid="preview-warning"]').allTextContents()).toContainEqual(expect.stringContaining("single-source"));
    expect(await cell.textContent()).toContain("no stance reported"); // a preview writes nothing
    await card.screenshot({ path: new URL("record-preview.png", ARTIFACTS).pathname });

    await card.locator('[data-testid="record-record"]').click();
    await card.locator('[data-testid="record-done"], [data-testid="record-problem"]').waitFor();
    expect(await card.locator('[data-testid="record-result"]').textContent()).toMatch(/^Recorded at position \d+\.$/);
    await page.waitForSelector('[data-testid="stance-faroes-access"][data-position="conditional"]');
    expect(await cell.textContent()).toContain(TERMS);
    const stored = server.chronicle
      .asOf({ negotiation: FISHING })
      .state()
      .stances.find((s) => s.party === "faroes" && s.issue === "access");
    expect(stored?.position).toBe("conditional");
    await page.screenshot({ path: new URL("record-recorded.png", ARTIFACTS).pathname });
    expect(await page.evaluate(() => "pwned" in window)).toBe(false);
    expect(problems).toEqual([]);
  });
});
