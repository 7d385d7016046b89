import { setTimeout as sleep } from "node:timers/promises";

/** Pause before restart `attempt` (0-based since the follower last heard from the store): 0.25 s doubling to 30 s. */
export const restartDelay = (attempt: number): number => Math.min(30_000, 250 * 2 ** attempt);

export interface FollowerOptions {
  /** Aborting it stops the follower for good. */
  signal: AbortSignal;
  /** Where each failure is reported. */
  log: (line: string) => void;
  delayMs?: (attempt: number) => number;
}

/**
 * Keeps a live follower going for as long as the process runs, whatever the backend. One
 * run follows the store until it fails or ends; the follower then logs why, reports it as
 * a problem, and starts a new run after a growing pause. A run calls `heard` on each
 * message from the store, which clears the problem and resets the pause. Meanwhile the
 * server answers from what it has already folded.
 */
export class Follower {
  private problem: string | undefined;
  private attempt = 0;

  constructor(
    private readonly run: (heard: () => void) => Promise<void>,
    private readonly options: FollowerOptions,
  ) {}

  /** What is wrong right now, in words for an operator; empty while the follower keeps up. */
  get problems(): string[] {
    return this.problem === undefined ? [] : [this.problem];
  }

  private readonly heard = (): void => {
    this.attempt = 0;
    this.problem = undefined;
  };

  /** Resolves once the signal aborts; never rejects. */
  async start(): Promise<void> {
    const { signal, log, delayMs = restartDelay } = this.options;
    while (!signal.aborted) {
      let cause = "the store's subscription ended";
      try {
        await this.run(this.heard);
      } catch (err) {
        cause = `following the store failed: ${err instanceof Error ? err.message : String(err)}`;
      }
      if (signal.aborted) return;
      const wait = delayMs(this.attempt++);
      this.problem = `${cause}; live updates are paused, retrying in ${wait} ms`;
      log(`live follower: ${this.problem}`);
      try {
        await sleep(wait, undefined, { signal });
      } catch {
        return;
      }
    }
  }
}
