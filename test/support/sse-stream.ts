import type { IncomingMessage } from "node:http";

/**
 * What the tests' Server-Sent Events readers share: each reads a response as text in its
 * own way, and a test waits on what has arrived, failing if the stream ends first.
 */
export abstract class SseStream<M extends { id?: string; event: string }> {
  readonly messages: M[] = [];
  ended = false;
  private readonly waiters = new Set<() => void>();

  protected constructor(protected readonly response: IncomingMessage) {
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      this.receive(chunk);
      this.wake();
    });
    response.on("close", () => {
      this.ended = true;
      this.wake();
    });
  }

  /** Takes in one chunk of the stream's text. */
  protected abstract receive(chunk: string): void;

  /** What has arrived, told in the failure of a wait the stream's end cut short. */
  protected abstract received(): string;

  private wake(): void {
    for (const w of this.waiters) w();
  }

  /** Waits until `done` holds over what has arrived; fails if the stream ends first. */
  until(done: (stream: this) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (done(this)) {
          this.waiters.delete(check);
          resolve();
        } else if (this.ended) {
          this.waiters.delete(check);
          reject(new Error(`the stream ended first; received ${this.received()}`));
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Positions of the appended events received so far (the `message` events). */
  positions(): number[] {
    return this.messages.filter((m) => m.event === "message").map((m) => Number(m.id));
  }

  close(): void {
    this.response.destroy();
  }
}
