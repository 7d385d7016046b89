import { Command, Option } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { InvalidEventError } from "../../events/envelope.ts";
import { Chronicle } from "../engine/chronicle.ts";
import { InvalidQueryError, NotFoundError } from "../engine/query.ts";
import { seed } from "../history.ts";
import { serve } from "../http/serve.ts";
import { openStore } from "../store/open.ts";
import { VersionConflictError, type ExpectedVersion } from "../store/port.ts";
import { backupCommand, restoreCommand } from "./backup.ts";
import { draftCommand } from "./draft-command.ts";
import { checkExportChain, exportLines } from "./export-file.ts";
import { formatDiff, formatNegotiations, formatPoint, formatState, formatTimeline } from "./format.ts";
import { migrateCommand } from "./migrate.ts";
import { BadLineError, parseEventFile, parseNdjson } from "./ndjson.ts";
import { describeVerification, failure, verifyStore } from "./verify.ts";

const program = new Command()
  .name("parley")
  .description("Event-sourced, bitemporal tracker of a negotiation's plan points and party stances")
  .addOption(new Option("--store <locator>", "sqlite:PATH or memory").env("PARLEY_STORE").default("sqlite:./data/parley.db"))
  .showHelpAfterError();

/** Opens the store and the engine for one command, and closes both after it. */
async function withChronicle<T>(run: (c: Chronicle) => Promise<T> | T, options: { follow?: boolean; onProgress?: (n: number) => void } = {}): Promise<T> {
  const store = await openStore(program.opts().store);
  const chronicle = await Chronicle.open(store, { follow: options.follow ?? false, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  try {
    return await run(chronicle);
  } finally {
    await chronicle.close();
    await store.close();
  }
}

/** One negotiation of a store that holds several; without it a question is about the whole record. */
const negotiationOption = () => new Option("--negotiation <name>", "one negotiation of the store (see `parley negotiations`); default: the whole record").env("PARLEY_NEGOTIATION");
// An empty name is passed on, so it is refused as a name rather than read as "no negotiation".
const scoped = (o: { negotiation?: string }) => (o.negotiation !== undefined ? { negotiation: o.negotiation } : {});

/** A question about a negotiation the store does not hold is a typo far more often than a real question. */
function inStore(c: Chronicle, o: { negotiation?: string }) {
  const names = c.negotiations();
  if (o.negotiation !== undefined && !names.includes(o.negotiation))
    throw new UsageError(`no negotiation '${o.negotiation}' in the store; it holds: ${names.sort().join(", ") || "nothing yet"}`);
  return scoped(o);
}

const print = (json: boolean, value: unknown, text: () => string) => console.log(json ? JSON.stringify(value, null, 2) : text());

const ExpectedVersionOption = z.union([z.enum(["no_stream", "any"]), z.coerce.number().int().nonnegative()]);

program
  .command("seed")
  .description("load the bundled history (the five seed articles); running it again adds nothing")
  .action(() =>
    withChronicle(async (c) => {
      const { added } = await seed(c);
      console.log(added ? `seeded ${added} events (head position ${c.head})` : `bundled history already loaded (head position ${c.head})`);
    }),
  );

program
  .command("state")
  .description("the state of every plan point, stance, meeting and person at a moment")
  .option("--at <date>", "valid time: a date (its end, UTC) or an ISO instant; default now")
  .option("--known-at <date>", "transaction time: what the record showed then")
  .addOption(negotiationOption())
  .option("--json", "print the state document")
  .action((o: { at?: string; knownAt?: string; negotiation?: string; json?: boolean }) =>
    withChronicle((c) => {
      const doc = c.asOf({ ...(o.knownAt ? { knownAt: o.knownAt } : {}), ...inStore(c, o) }).state(o.at);
      print(!!o.json, doc, () => formatState(doc));
    }),
  );

program
  .command("diff")
  .description("what changed between two moments, and the events that changed it")
  .requiredOption("--from <date>")
  .requiredOption("--to <date>")
  .option("--known-at <date>")
  .addOption(negotiationOption())
  .option("--json")
  .action((o: { from: string; to: string; knownAt?: string; negotiation?: string; json?: boolean }) =>
    withChronicle((c) => {
      const report = c.asOf({ ...(o.knownAt ? { knownAt: o.knownAt } : {}), ...inStore(c, o) }).diff(o.from, o.to);
      print(!!o.json, report, () => formatDiff(report));
    }),
  );

program
  .command("point <id>")
  .description("one plan point's timeline, with sources")
  .addOption(negotiationOption())
  .option("--json")
  .action((id: string, o: { negotiation?: string; json?: boolean }) =>
    withChronicle((c) => {
      const { point } = c.asOf(inStore(c, o)).point(id);
      print(!!o.json, point, () => formatPoint(point));
    }),
  );

program
  .command("history")
  .description("the developments in valid-time order (corrections applied), with sources")
  .option("--from <date>", "keep developments whose valid time reaches this date (a day, 2025-11, 2025-W48) or later")
  .option("--to <date>", "keep developments whose valid time starts by the end of this date")
  .option("--at <date>", "the same as --to")
  .option("--known-at <date>", "as the record stood then")
  .addOption(negotiationOption())
  .option("--json")
  .action((o: { from?: string; to?: string; at?: string; knownAt?: string; negotiation?: string; json?: boolean }) =>
    withChronicle((c) => {
      const to = o.to ?? o.at;
      const range = { ...(o.from ? { from: o.from } : {}), ...(to ? { to } : {}) };
      const entries = c.asOf({ ...(o.knownAt ? { knownAt: o.knownAt } : {}), ...inStore(c, o) }).history(range);
      print(!!o.json, entries, () => formatTimeline(entries));
    }),
  );

program
  .command("negotiations")
  .description("the negotiations the store holds: each one's title, parties and issues, how many developments it records, and their span")
  .option("--json")
  .action((o: { json?: boolean }) =>
    withChronicle((c) => {
      const list = c.negotiationSummaries();
      print(!!o.json, list, () => formatNegotiations(list));
    }),
  );

program
  .command("replay")
  .description("rebuild every projection from the store, reporting events per second")
  .action(async () => {
    const started = performance.now();
    const bar = progressBar();
    await withChronicle(
      (c) => {
        c.asOf().state("9999-12-31");
        bar.done(c.events.length);
        const seconds = (performance.now() - started) / 1000;
        console.log(`replayed ${c.events.length} events in ${seconds.toFixed(2)} s (${Math.round(c.events.length / seconds)} events/s)`);
      },
      { onProgress: (done) => bar.update(done) },
    );
  });

program
  .command("append <file>")
  .description("validate and append events from a JSON or NDJSON file (all or nothing)")
  .option("--stream <stream>", "append every event to this stream")
  .option("--expected-version <version>", "no_stream, any, or the stream's current version")
  .addOption(
    new Option("--negotiation <name>", "the negotiation to record the events in (required unless PARLEY_NEGOTIATION names one, or each event is a declaration naming its own)").env(
      "PARLEY_NEGOTIATION",
    ),
  )
  .action((file: string, o: { stream?: string; expectedVersion?: string; negotiation?: string }) =>
    withChronicle(async (c) => {
      const lines = parseEventFile(readFileSync(file, "utf8"));
      const expectedVersion: ExpectedVersion = o.expectedVersion ? ExpectedVersionOption.parse(o.expectedVersion) : "any";
      const results = await recordLines(c, lines, { ...(o.stream ? { stream: o.stream } : {}), ...scoped(o), expectedVersion });
      console.log(`appended ${lines.length} events; head position ${c.head}${results.some((r) => r.duplicates) ? " (some were already stored)" : ""}`);
    }),
  );

program
  .command("export [file]")
  .description("write every event, in order, with its transaction time and chain hash, as NDJSON (stdout by default)")
  .action(async (file: string | undefined) => {
    const store = await openStore(program.opts().store);
    try {
      let count = 0;
      let text = "";
      for await (const line of exportLines(store)) {
        text += line + "\n";
        count++;
      }
      if (file) {
        writeFileSync(file, text);
        console.error(`exported ${count} events to ${file}`);
      } else process.stdout.write(text);
    } finally {
      await store.close();
    }
  });

program
  .command("import <file>")
  .description("append an NDJSON export, order, ids and transaction times preserved, its hash chain checked; one bad line and nothing is imported")
  .action((file: string) =>
    withChronicle(async (c) => {
      const { lines, head } = checkExportChain(parseNdjson(readFileSync(file, "utf8")));
      await recordLines(c, lines, { copies: true });
      console.log(`imported ${lines.length} events; head position ${c.head}${head ? `; the export's hash chain holds (its head hash ${head})` : ""}`);
    }),
  );

program
  .command("verify")
  .description("check the store file and recompute the hash chain; names the first position where it breaks")
  .option("--at <position>", "also print the hash at this position (compare it with a head hash published then)", (v) => z.coerce.number().int().nonnegative().parse(v))
  .action(async (o: { at?: number }) => {
    const store = await openStore(program.opts().store);
    try {
      const v = await verifyStore(store, o.at);
      const wrong = failure(v);
      if (wrong) throw new UsageError(`${wrong}${v.chain.checked ? ` (positions 1 to ${v.chain.checked} verify)` : ""}`);
      if (o.at !== undefined && !v.hashAt) throw new UsageError(`--at ${o.at}: the store holds only ${v.chain.checked} events`);
      console.log(describeVerification(v));
    } finally {
      await store.close();
    }
  });

program
  .command("backup <file>")
  .description("copy the store to a new file while it keeps serving writes (SQLite's online backup), then verify the copy")
  .action(async (file: string) => console.log(await backupCommand(program.opts().store, file)));

program
  .command("restore <file>")
  .description("verify a backup, then make it the store; a store that holds events is replaced only with --force (stop the server first)")
  .option("--force", "replace a store that holds events (or is damaged)")
  .action(async (file: string, o: { force?: boolean }) => console.log(await restoreCommand(program.opts().store, file, !!o.force)));

program
  .command("start")
  .description("seed an empty store with the bundled history, then print today's state")
  .action(() =>
    withChronicle(async (c) => {
      if (c.events.length === 0) console.log(`first start: ${(await seed(c)).added} events of bundled history loaded\n`);
      console.log(formatState(c.asOf().state()));
    }),
  );

program
  .command("serve")
  .description("serve the HTTP API and the dashboard; an empty store is seeded with the bundled history first")
  .addOption(
    new Option("--port <port>", "port to listen on")
      .env("PORT")
      .default(3000)
      .argParser((v) => z.coerce.number().int().min(0).max(65535).parse(v)),
  )
  .addOption(new Option("--host <host>", "interface to bind (default: all)").env("HOST"))
  .action(async (o: { port: number; host?: string }) => {
    await serve({
      store: program.opts().store,
      port: o.port,
      ...(o.host ? { host: o.host } : {}),
      ...(process.env.PARLEY_API_TOKEN ? { token: process.env.PARLEY_API_TOKEN } : {}),
      ...(process.env.PARLEY_NEGOTIATION ? { defaultNegotiation: process.env.PARLEY_NEGOTIATION } : {}),
    });
  });

program
  .command("migrate")
  .description("copy every event, in order and with ids kept, from one store to another; running it again copies nothing twice")
  .requiredOption("--from <locator>", "the store to copy from: sqlite:PATH, esdb://HOST:2113?tls=false or memory")
  .requiredOption("--to <locator>", "the store to copy into")
  .action(async (o: { from: string; to: string }) => {
    await migrateCommand(o.from, o.to);
  });

program.addCommand(draftCommand((negotiation) => withChronicle((c) => (inStore(c, { negotiation }), c.asOf({ negotiation }).state()))));

/** Maps a failing event index back to the file's line number. */
async function recordLines(c: Chronicle, lines: { line: number; value: unknown }[], options: Parameters<Chronicle["record"]>[1]) {
  try {
    return await c.record(
      lines.map((l) => l.value),
      options,
    );
  } catch (err) {
    if (err instanceof InvalidEventError && err.index !== undefined) {
      // Each issue under the line it is about: "[3].data.party" is the fourth event of the file.
      const where = (path: string) => {
        const index = /^\[(\d+)\]/.exec(path)?.[1];
        return `line ${lines[index === undefined ? err.index! : Number(index)]!.line}: ${path.replace(/^\[\d+\]\.?/, "") || "(event)"}`;
      };
      throw new UsageError(`${err.issues.map((i) => `${where(i.path)}: ${i.message}`).join("; ")}; nothing was written`);
    }
    throw err;
  }
}

function progressBar() {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(done: number) {
      const now = performance.now();
      if (!tty || now - last < 100) return;
      last = now;
      process.stderr.write(`\rreading events… ${done.toLocaleString("en")}`);
    },
    done(total: number) {
      if (tty) process.stderr.write(`\rread ${total.toLocaleString("en")} events\n`);
    },
  };
}

class UsageError extends Error {}

function explain(err: unknown): string {
  if (err instanceof UsageError || err instanceof BadLineError) return err.message;
  if (err instanceof InvalidEventError) return `invalid event: ${err.message}; nothing was written`;
  if (err instanceof InvalidQueryError) return `invalid query: ${err.message}`;
  if (err instanceof NotFoundError) return `${err.message}; known: ${err.known.join(", ") || "none"}`;
  if (err instanceof VersionConflictError) return `version conflict: ${err.message}; nothing was written`;
  if (err instanceof z.ZodError) return err.issues.map((i) => i.message).join("; ");
  return err instanceof Error ? err.message : String(err);
}

// `parley export | head` closes the pipe early: that is the reader being done, not a failure.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

program.parseAsync().catch((err) => {
  console.error(`parley: ${explain(err)}`);
  process.exitCode = 1;
});
