import { quoteOf, type ExportInput } from "./rows.ts";
import { xml } from "./xml.ts";

/**
 * An Atom feed (RFC 4287) of a negotiation's changes, newest recorded first. `base` is the
 * server's own address, for the feed's self link and each entry's link into the dashboard.
 */
export function changesAtom(input: ExportInput, base: string): string {
  const entries = [...input.entries].sort((a, b) => b.position - a.position);
  const updated = entries[0]?.recordedAt ?? input.knownAt;
  const self = `${base}/api/negotiations/${encodeURIComponent(input.negotiation)}/feed.atom`;
  const view = (day: string) => `${base}/#negotiation=${encodeURIComponent(input.negotiation)}&at=${day}`;
  const entry = (e: (typeof entries)[number]) => `  <entry>
    <id>urn:parley:event:${xml(encodeURIComponent(e.eventId))}</id>
    <title>${xml(e.summary)}</title>
    <updated>${xml(e.recordedAt)}</updated>
${e.reportedAt ? `    <published>${xml(e.reportedAt)}</published>\n` : ""}    <link rel="alternate" href="${xml(view((e.occurredAtRange.to ?? e.occurredAtRange.from ?? e.recordedAt).slice(0, 10)))}"/>
    <category term="${xml(e.type)}"/>
    <summary>${xml(`${e.occurredAt}: ${e.summary}. ${e.sources.map((s) => `“${quoteOf(s)}” (${s.outlet ?? s.title ?? "unnamed source"})`).join(" ")}`)}</summary>
  </entry>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:parley:negotiation:${xml(input.negotiation)}</id>
  <title>${xml(input.title)}</title>
  <subtitle>${xml(`Changes to the record of ${input.negotiation}, as known at ${input.knownAt}`)}</subtitle>
  <updated>${xml(updated)}</updated>
  <author><name>Parley</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>
${entries.map(entry).join("\n")}
</feed>
`;
}
