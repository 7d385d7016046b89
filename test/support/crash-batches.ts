import { createHash } from "node:crypto";
import { analystSource, openingInput } from "./events.ts";

/** The negotiation the crash writers write into, opened once under a fixed id, so every writer may send it again. */
export const CRASH_NEGOTIATION = "crash";
export const crashOpening = { ...openingInput(CRASH_NEGOTIATION), id: "0c4d0b1e-2f3a-4b5c-8d6e-7f8091a2b3c4" };

/** A UUID derived from a name, so the test can tell which event it is looking at without asking the writer. */
function uuidOf(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  const variant = ((parseInt(h[16]!, 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Batches have two to five events, spread over two streams: the store must commit all of them or none. */
export const batchSize = (batch: number) => 2 + (batch % 4);

/** What the writer of run `run` sends as batch `batch`; the test rebuilds it to check what was stored. */
export function crashBatch(run: number, batch: number) {
  const size = batchSize(batch);
  return Array.from({ length: size }, (_, i) => {
    const label = `run ${run} batch ${batch} event ${i + 1} of ${size}`;
    return {
      id: uuidOf(label),
      type: "StanceStated",
      stream: i % 2 === 0 ? `${CRASH_NEGOTIATION}:crash-a` : `${CRASH_NEGOTIATION}:crash-b`,
      occurredAt: "2025-12-05",
      reportedAt: "2025-12-05",
      sources: [{ ...analystSource, quote: `${label}: ${"«не ближче» — 😀 ".repeat(80)}` }],
      data: { party: "russia", issue: "territory", position: "rejects", speaker: label },
    };
  });
}
