import type { Response } from "express";

/**
 * One subscriber's event stream, written at the pace its client reads. Frames go to the
 * socket only while it drains (so Node's own buffer stays near its high-water mark); the
 * backlog the client asked for is produced lazily as it does; live frames that arrive
 * meanwhile wait here. A client that lets more than `limit` bytes wait is stalled, not slow:
 * `onOverflow` hears of it, so one dead Wi-Fi link cannot grow the server's memory.
 */
export class PacedStream {
  private backlog: Iterator<string> = [][Symbol.iterator]();
  private readonly live: string[] = [];
  private liveBytes = 0;
  private congested = false;
  private ended = false;

  constructor(
    private readonly res: Response,
    private readonly limit: number,
    private readonly onOverflow: (waitingBytes: number) => void,
  ) {
    res.on("drain", () => {
      this.congested = false;
      this.pump();
    });
  }

  /** Starts the stream with what the client asked for; live frames queue behind it. */
  begin(backlog: Iterator<string>): void {
    this.backlog = backlog;
    this.pump();
  }

  /** A live frame: sent at once to a client that keeps up, kept for one that is behind. */
  push(frame: string): void {
    if (this.ended) return;
    this.live.push(frame);
    this.liveBytes += Buffer.byteLength(frame);
    const waiting = this.liveBytes + this.res.writableLength;
    if (waiting > this.limit) return this.onOverflow(waiting);
    this.pump();
  }

  /** A comment that keeps proxies from closing an idle stream; a client that is behind needs none. */
  keepAlive(comment: string): void {
    if (!this.ended && !this.congested && this.live.length === 0) this.congested = !this.res.write(comment);
  }

  /** Ends the stream with a last frame, dropping whatever still waits. */
  end(frame: string): void {
    if (this.ended) return;
    this.ended = true;
    this.live.length = 0;
    this.liveBytes = 0;
    this.backlog = [][Symbol.iterator]();
    this.res.end(frame);
  }

  private pump(): void {
    while (!this.congested && !this.ended) {
      const frame = this.next();
      if (frame === undefined) return;
      this.congested = !this.res.write(frame);
    }
  }

  private next(): string | undefined {
    const step = this.backlog.next();
    if (!step.done) return step.value;
    const frame = this.live.shift();
    if (frame !== undefined) this.liveBytes -= Buffer.byteLength(frame);
    return frame;
  }
}
