import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, startServer, type TestServer } from "../support/http-helpers.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = new URL("../artifacts/", import.meta.url);
const NEGOTIATION = "ukraine-2025";
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const VIEWPORTS = [
  { name: "desktop", width: 1400, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with 'apt-get install -y chromium' (.ci/run does)`);
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page at one viewport that records script errors and content-security-policy violations. */
async function openPage(viewport: { width: number; height: number }, hash = "") {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`error: ${err.message}`));
  page.on("console", (m) => void (m.text().includes("Content Security Policy") && problems.push(`csp: ${m.text()}`)));
  await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector('[data-testid="stance-chart"]');
  return { page, problems };
}

const shownDay = (page: Page, day: string) => page.waitForFunction((d) => document.querySelector('[data-testid="state-at"]')?.textContent === d, day);

interface Band {
  lane: string;
  position: string;
  from: string;
  to: string;
  tentative: string;
}
const bandsOf = (page: Page): Promise<Band[]> =>
  page.locator('[data-testid="stance-chart"] rect[data-lane]').evaluateAll((rects) => rects.map((r) => ({ ...(r as SVGElement).dataset }) as unknown as Band));

/** What the chart says a lane held on `day`: the band whose days include it ("open" starts before any day). */
function chartPositions(bands: Band[], day: string): Map<string, string> {
  const held = new Map<string, string>();
  for (const b of bands)
    if ((b.from === "open" || b.from <= day) && day <= b.to) {
      expect(held.has(b.lane), `two bands of ${b.lane} cover ${day}`).toBe(false);
      held.set(b.lane, b.position);
    }
  return held;
}

async function statePositions(day: string): Promise<Map<string, string>> {
  const { body } = await getJson(`${server.url}/api/state?at=${day}&negotiation=${NEGOTIATION}`);
  return new Map(body.stances.map((s: { party: string; issue: string; position: string }) => [`${s.party}/${s.issue}`, s.position]));
}

/** Clicks an export link and returns the downloaded file's text. */
async function download(page: Page, testId: string): Promise<string> {
  if (!(await page.locator("#exports").evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator("#exports > summary").click();
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-testid="${testId}"]`).click()]);
  return readFileSync(await file.path(), "utf8");
}

/** One section as the page lays it out, from a full-page capture (an element capture would scroll it under the sticky controls). */
async function sectionShot(page: Page, selector: string, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = (await page.locator(selector).boundingBox())!;
  await page.screenshot({ path: new URL(name, ARTIFACTS).pathname, fullPage: true, clip: box });
}

const axeViolations = async (page: Page) => {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run({
      resultTypes: ["violations"],
    }),
  );
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
};

describe.each(VIEWPORTS)("the dashboard's pictures at $width×$height", (viewport) => {
  it("draws one lane per stance, and each lane shows the position /api/state gives on three dates", async () => {
    const { page, problems } = await openPage(viewport, `#negotiation=${NEGOTIATION}&at=2025-12-03`);
    const latest = await statePositions("2025-12-03");
    const lanes = new Set((await bandsOf(page)).map((b) => b.lane));
    expect([...lanes].sort()).toEqual([...latest.keys()].sort());
    for (const day of ["2025-11-19", "2025-11-25", "2025-12-03"]) {
      await page.locator("#at-date").fill(day);
      await shownDay(page, day);
      await page.waitForFunction((d) => document.querySelector('[data-testid="stance-chart"]')?.getAttribute("aria-label")?.endsWith(d), day);
      expect(chartPositions(await bandsOf(page), day), `lanes on ${day}`).toEqual(await statePositions(day));
    }
    // Nothing is wider than the screen: a phone scrolls down, never sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: new URL(`dashboard-${viewport.name}.png`, ARTIFACTS).pathname, fullPage: true });
    await sectionShot(page, "#pictures", `stances-by-valid-time-${viewport.name}.png`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("plots the same lanes by the day each change was reported, in 'what the record showed' mode", async () => {
    const { page, problems } = await openPage(viewport, `#negotiation=${NEGOTIATION}&at=2025-12-03`);
    await page.locator('[data-testid="mode-record"]').check();
    await page.waitForFunction(() => location.hash.includes("view=record"));
    await page.waitForFunction(() => document.querySelector('[data-testid="stance-chart"]')?.getAttribute("aria-label")?.includes("transaction time"));
    const { body: entries } = await getJson(`${server.url}/api/history?negotiation=${NEGOTIATION}`);
    const reportedDays = new Set(entries.map((e: { reportedAt: string | null; recordedAt: string }) => (e.reportedAt ?? e.recordedAt).slice(0, 10)));
    const bands = await bandsOf(page);
    expect(bands.length).toBeGreaterThan(0);
    for (const b of bands) expect(reportedDays).toContain(b.from);
    await sectionShot(page, "#pictures", `stances-by-record-${viewport.name}.png`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("opens a band's sources from the keyboard", async () => {
    const { page } = await openPage(viewport, `#negotiation=${NEGOTIATION}&at=2025-12-03`);
    const band = page.locator('[data-testid="stance-chart"] rect[data-lane="russia/nato"]').last();
    // Hovering shows the quote: the band's tooltip is its <title>, holding the latest change's quote.
    const { body: state } = await getJson(`${server.url}/api/state?at=2025-12-03&negotiation=${NEGOTIATION}`);
    const latest = state.stances.find((s: { party: string; issue: string }) => s.party === "russia" && s.issue === "nato").history.at(-1);
    expect(await band.locator("title").textContent()).toContain(latest.sources[0].quoteClean ?? latest.sources[0].quote);
    await band.focus();
    await page.keyboard.press("Enter");
    const dialog = page.locator("#sources-dialog");
    await dialog.waitFor({ state: "visible" });
    expect(await page.locator("#sources-title").textContent()).toContain("Russia · nato: rejects");
    expect(await page.locator("#sources-list li").count()).toBeGreaterThan(0);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await page.close();
  });

  it("has no serious or critical axe-core violation", async () => {
    // Every part of the page shown: a comparison, the export list and a citation.
    const { page } = await openPage(viewport, `#negotiation=${NEGOTIATION}&at=2025-11-25&compare=at:2025-11-21..2025-12-03`);
    await shownDay(page, "2025-11-25");
    await page.waitForSelector('[data-testid="change"]');
    await page.locator("#exports > summary").click();
    await page.locator('[data-testid="cite"]').click();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe("a view as a link", () => {
  it("carries negotiation, at, knownAt, the mode and the window; the link reopens the same view; back and forward step through choices", async () => {
    const { page, problems } = await openPage(VIEWPORTS[0], `#negotiation=${NEGOTIATION}&at=2025-12-03`);
    await page.locator("#at-date").fill("2025-11-25");
    await shownDay(page, "2025-11-25");
    await page.locator("#known-toggle").check();
    await page.locator("#known-date").fill("2025-12-03");
    await page.waitForFunction(() => location.hash.includes("knownAt=2025-12-03"));
    await page.locator('[data-testid="mode-record"]').check();
    await page.locator("#zoom-in").click();
    await page.waitForFunction(() => location.hash.includes("window="));
    const link = page.url();
    const params = new URLSearchParams(new URL(link).hash.slice(1));
    expect(Object.fromEntries(params)).toMatchObject({ negotiation: NEGOTIATION, at: "2025-11-25", knownAt: "2025-12-03", view: "record" });
    const window = await page.locator('[data-testid="window-label"]').textContent();

    const again = await openPage(VIEWPORTS[0], new URL(link).hash);
    await shownDay(again.page, "2025-11-25");
    expect(await again.page.locator('[data-testid="mode-record"]').isChecked()).toBe(true);
    expect(await again.page.locator("#known-toggle").isChecked()).toBe(true);
    expect(await again.page.locator("#known-date").inputValue()).toBe("2025-12-03");
    expect(await again.page.locator('[data-testid="window-label"]').textContent()).toBe(window);
    expect(again.page.url()).toBe(link);
    await again.page.close();

    await page.goBack();
    await page.waitForFunction(() => !location.hash.includes("window="));
    expect(await page.locator('[data-testid="mode-record"]').isChecked()).toBe(true);
    await page.goBack();
    await page.waitForFunction(() => location.hash.includes("view=valid"));
    expect(await page.locator('[data-testid="mode-valid"]').isChecked()).toBe(true);
    await page.goForward();
    await page.waitForFunction(() => location.hash.includes("view=record"));
    expect(await page.locator('[data-testid="mode-record"]').isChecked()).toBe(true);

    await page.locator('[data-testid="cite"]').click();
    expect(await page.locator('[data-testid="citation-link"]').inputValue()).toBe(page.url());
    const citation = await page.locator('[data-testid="citation-text"]').inputValue();
    expect(citation).toContain("state on 2025-11-25");
    expect(citation).toContain("as the record stood on 2025-12-03");
    expect(citation).toContain(page.url());
    expect(problems).toEqual([]);
    await page.close();
  });

  it("sets the 'state on' day by dragging across the time axis", async () => {
    const { page } = await openPage(VIEWPORTS[0], `#negotiation=${NEGOTIATION}&at=2025-12-03`);
    const chart = page.locator('[data-testid="timeline-chart"]');
    await chart.scrollIntoViewIfNeeded();
    // The axis ticks are Plot's: find the pixel of 22 Nov from its tick, and drag from 3 Dec to there.
    const box = (await chart.boundingBox())!;
    const tick = await page
      .locator('[data-testid="timeline-chart"] g[aria-label="x-axis tick label"] text')
      .evaluateAll((texts) =>
        texts.map((t) => ({ text: t.textContent, x: (t as SVGGraphicsElement).getBoundingClientRect().x + (t as SVGGraphicsElement).getBoundingClientRect().width / 2 })),
      );
    const day22 = tick.find((t) => t.text?.startsWith("22"));
    expect(day22, JSON.stringify(tick)).toBeDefined();
    await page.mouse.move(box.x + box.width - 40, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(day22!.x + 2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await shownDay(page, "2025-11-22");
    expect(new URL(page.url()).hash).toContain("at=2025-11-22");
    await page.close();
  });
});

describe("comparing two moments", () => {
  const shownKeys = (page: Page) => page.locator('[data-testid="change"]').evaluateAll((items) => items.map((i) => i.getAttribute("data-key")));

  it("lists what changed between two dates, as /api/diff does, each change with its sources", async () => {
    const { page, problems } = await openPage(VIEWPORTS[0], `#negotiation=${NEGOTIATION}&at=2025-12-03&compare=at:2025-11-21..2025-12-03`);
    await page.waitForSelector('[data-testid="change"]');
    const { body: diff } = await getJson(`${server.url}/api/diff?from=2025-11-21&to=2025-12-03&negotiation=${NEGOTIATION}`);
    expect(diff.changes.length).toBeGreaterThan(0);
    expect(await shownKeys(page)).toEqual(diff.changes.map((c: { key: string }) => c.key));
    const plan = page.locator('[data-testid="change"][data-key="plan:us-peace-plan"]');
    expect(await plan.textContent()).toContain("pointCount: 28 → 22");
    await plan.locator('[data-testid="sources-button"]').click();
    await page.locator("#sources-dialog").waitFor({ state: "visible" });
    await page.keyboard.press("Escape");
    await sectionShot(page, "#compare", "compare-dates.png");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("lists what the record learnt between two 'known at' dates, chosen in the form, as /api/diff/learnt does", async () => {
    const { page, problems } = await openPage(VIEWPORTS[1], `#negotiation=${NEGOTIATION}&at=2025-12-03`);
    await page.locator('[data-testid="compare-by-knownAt"]').check();
    await page.locator('[data-testid="compare-from"]').fill("2025-12-02");
    await page.locator('[data-testid="compare-to"]').fill("2025-12-03");
    await page.locator('[data-testid="compare-form"] button[type="submit"]').click();
    await page.waitForFunction(() => location.hash.includes("compare=knownAt"));
    await page.waitForSelector('[data-testid="change"]');
    const { body: learnt } = await getJson(`${server.url}/api/diff/learnt?at=2025-12-03&knownFrom=2025-12-02&knownTo=2025-12-03&negotiation=${NEGOTIATION}`);
    expect(learnt.changes.length).toBeGreaterThan(0);
    expect(learnt.changes.every((c: { change: string }) => c.change === "added")).toBe(true); // nothing was reported before 3 Dec
    expect(await shownKeys(page)).toEqual(learnt.changes.map((c: { key: string }) => c.key));
    expect(await page.locator('[data-testid="compare-heading"]').textContent()).toContain("learnt between 2025-12-02 and 2025-12-03");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("sets the plan's versions side by side with each described point's fate", async () => {
    const { page } = await openPage(VIEWPORTS[0], `#negotiation=${NEGOTIATION}&at=2025-12-03`);
    const { body: state } = await getJson(`${server.url}/api/state?at=2025-12-03&negotiation=${NEGOTIATION}`);
    const plan = state.plans[0];
    const table = page.locator(`[data-testid="versions-${plan.id}"]`);
    await table.waitFor();
    const counts = await table.locator('[data-testid="version-count"]').allTextContents();
    expect(counts.map((h) => /^(\d+) points$/.exec(h)?.[1])).toEqual(plan.revisions.map((r: { pointCount: number }) => String(r.pointCount)));
    const cells = await table.locator("tbody tr:not(.undescribed) td").evaluateAll((tds) => tds.map((td) => td.getAttribute("data-status")));
    const expected = plan.points.flatMap((pt: { history: { kind: string }[] }) => pt.history.map((h) => h.kind));
    expect(cells).toEqual(expected);
    expect(cells).toContain("undisclosed");
    await page.close();
  });
});

describe("the exports, downloaded from the dashboard and parsed", () => {
  it("gives the events as CSV, TimelineJS JSON, CSL-JSON, an Atom feed and the chart as SVG", async () => {
    const { page, problems } = await openPage(VIEWPORTS[0], `#negotiation=${NEGOTIATION}&at=2025-12-03&knownAt=2025-12-03`);
    await shownDay(page, "2025-12-03");
    const { body: entries } = await getJson(`${server.url}/api/history?negotiation=${NEGOTIATION}&knownAt=2025-12-03T23:59:59.999Z`);
    expect(entries.length).toBeGreaterThan(10);

    const rows: Record<string, string>[] = parseCsv(await download(page, "export-csv"), { columns: true });
    expect(Object.keys(rows[0]!)).toEqual([
      "event_id",
      "event_date",
      "time_precision",
      "type",
      "party",
      "issue",
      "position",
      "place",
      "source",
      "quote",
      "reported_at",
      "recorded_at",
    ]);
    expect(rows.map((r) => r.event_id)).toEqual(entries.map((e: { eventId: string }) => e.eventId));
    const { body: state } = await getJson(`${server.url}/api/state?at=2025-12-03&negotiation=${NEGOTIATION}`);
    for (const stance of state.stances) {
      const row = rows.find((r) => r.event_id === stance.history.at(-1).eventId)!;
      expect(row).toMatchObject({ type: "StanceStated", party: stance.party, issue: stance.issue, position: stance.history.at(-1).kind, event_date: stance.history.at(-1).at });
    }
    expect(rows.find((r) => r.type === "MeetingHeld")?.place).toBeTruthy();

    const timeline = JSON.parse(await download(page, "export-json"));
    expect(timeline.title.text.headline).toBe(state.vocabulary.negotiations[0].title);
    expect(timeline.events).toHaveLength(entries.length);
    for (const e of timeline.events) expect(Number.isInteger(e.start_date.year)).toBe(true);

    const csl = JSON.parse(await download(page, "export-csl-json"));
    const seeds = new Set(entries.flatMap((e: { sources: { seed?: string }[] }) => e.sources.map((s) => s.seed)).filter(Boolean));
    expect(csl.length).toBeGreaterThanOrEqual(seeds.size);
    for (const item of csl) expect(item).toMatchObject({ id: expect.any(String), type: "article-newspaper", title: expect.any(String) });
    expect(new Set(csl.map((i: { id: string }) => i.id)).size).toBe(csl.length);

    const atom = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" }).parse(await download(page, "export-atom"));
    const feed = atom.feed;
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    for (const required of ["id", "title", "updated"]) expect(String(feed[required] ?? "")).not.toBe("");
    expect(feed.author?.name ?? feed.entry.every((e: { author?: unknown }) => e.author)).toBeTruthy();
    expect(feed.entry).toHaveLength(entries.length);
    for (const entry of feed.entry) {
      for (const required of ["id", "title", "updated"]) expect(String(entry[required] ?? ""), `entry ${required}`).not.toBe("");
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
    }

    // The chart file is drawn by the server from the same lane rules: every band it holds is one the page shows.
    const svgText = await download(page, "export-svg");
    const svg = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["g", "rect"].includes(name) }).parse(svgText);
    expect(svg.svg["@_xmlns"]).toBe("http://www.w3.org/2000/svg");
    const saved = (svg.svg.g as { rect: Record<string, string>[] }[]).flatMap((g) => g.rect).filter((r) => r["@_data-lane"]);
    const key = (b: { lane: string; position: string; from: string; to: string }) => `${b.lane} ${b.position} ${b.from}..${b.to}`;
    const drawn = new Set((await bandsOf(page)).map(key));
    expect(saved.length).toBeGreaterThan(0);
    for (const r of saved) expect(drawn).toContain(key({ lane: r["@_data-lane"]!, position: r["@_data-position"]!, from: r["@_data-from"]!, to: r["@_data-to"]! }));
    expect(new Set(saved.map((r) => r["@_data-lane"])).size).toBe(state.stances.length);
    const look = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    await look.setContent(svgText.replace(/^<\?xml[^>]*>/, ""));
    await look.screenshot({ path: new URL("stances-export-svg.png", ARTIFACTS).pathname, fullPage: true });
    await look.close();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("answers a bad export request with an error that names what is wrong", async () => {
    const noNegotiation = await getJson(`${server.url}/api/exports/events.csv`);
    expect(noNegotiation.status).toBe(400);
    expect(noNegotiation.body.error).toContain("negotiation");
    const unknown = await getJson(`${server.url}/api/negotiations/no-such-talks/feed.atom`);
    expect(unknown.status).toBe(404);
    const badWindow = await getJson(`${server.url}/api/exports/stances.svg?negotiation=${NEGOTIATION}&from=2025-12-03`);
    expect(badWindow.status).toBe(400);
    expect(JSON.stringify(badWindow.body)).toContain("from");
    const badKnownAt = await getJson(`${server.url}/api/exports/events.csv?negotiation=${NEGOTIATION}&knownAt=yesterday`);
    expect(badKnownAt.status).toBe(400);
    expect(JSON.stringify(badKnownAt.body)).toContain("knownAt");
  });
});
