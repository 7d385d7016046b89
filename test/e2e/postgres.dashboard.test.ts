import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN, authorised, post } from "../support/http-helpers.ts";
import { stanceInput } from "../support/events.ts";
import { killIfRunning, startParleyServer, type ParleyServer } from "../support/parley-process.ts";
import { Schemas, locatorFor, requirePostgres } from "../support/postgres.ts";

const CHROMIUM = "/usr/bin/chromium";
const schemas = new Schemas("parley_dashboard");
const servers: ParleyServer[] = [];
let browser: Browser;

beforeAll(async () => {
  await requirePostgres();
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with 'apt-get install -y chromium' (.ci/run does)`);
  const locator = locatorFor(schemas.fresh());
  const env = { PARLEY_API_TOKEN: TOKEN, PARLEY_NEGOTIATION: "ukraine-2025" };
  servers.push(await startParleyServer(locator, env));
  servers.push(await startParleyServer(locator, env));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
});

afterAll(async () => {
  await browser?.close();
  servers.forEach((s) => killIfRunning(s.child));
  await schemas.dropAll();
});

describe("the dashboard on two servers sharing a PostgreSQL record", () => {
  it("shows an event written through the other server live, on both, without a reload", async () => {
    const pages: Page[] = [];
    for (const server of servers) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      await page.goto(server.url);
      await page.waitForSelector('[data-testid="live-status"][data-state="live"]');
      await page.evaluate(() => Object.assign(window, { notReloaded: true }));
      expect(await page.locator('[data-testid="stance-europe-nato"]').first().textContent()).toContain("no stance reported");
      pages.push(page);
    }
    const reply = await post(
      servers[1]!.url,
      stanceInput({ party: "europe", issue: "nato", position: "rejects", occurredAt: "2025-12-02", reportedAt: "2025-12-03", speaker: "written through the second server" }),
      authorised,
    );
    expect(reply.status).toBe(201);
    for (const page of pages) {
      await page.waitForSelector('[data-testid="stance-europe-nato"][data-position="rejects"]');
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    }
  });
});
