import { get, type IncomingMessage } from "node:http";

export interface Tallied {
  id?: string;
  event: string;
  /** The parsed data of the messages that are not appended events (ready, dropped, shutdown). */
  data?: unknown;
}

/**
 * A Server-Sent Events reader that keeps only each message's id and event name (and the
 * data of control messages): a hundred of them can follow a stream of large messages
 * without holding every payload in memory.
 */
export class SseTally {
  readonly messages: Tallied[] = [];
  ended = false;
  private partial = "";
  private current: { id?: string; event: string; data: string } = { event: "message", data: "" };
  private readonly waiters = new Set<() => void>();

  private constructor(readonly response: IncomingMessage) {
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => this.receive(chunk));
    response.on("close", () => {
      this.ended = true;
      this.wake();
    });
  }

  /** Opens the stream; rejects when the server answers anything but 200. `paused` opens it without reading. */
  static open(url: string, headers: Record<string, string> = {}, options: { paused?: boolean } = {}): Promise<SseTally> {
    return new Promise((resolve, reject) => {
      const req = get(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode }));
        }
        if (options.paused) res.pause();
        resolve(new SseTally(res));
      });
      req.on("error", reject);
    });
  }

  private receive(chunk: string): void {
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop()!;
    for (const line of lines) this.line(line);
    this.wake();
  }

  private line(line: string): void {
    if (line === "") {
      if (this.current.data !== "" || this.current.id !== undefined) {
        const { id, event, data } = this.current;
        this.messages.push({ ...(id !== undefined ? { id } : {}), event, ...(event !== "message" ? { data: JSON.parse(data) } : {}) });
      }
      this.current = { event: "message", data: "" };
    } else if (line.startsWith("id: ")) this.current.id = line.slice(4);
    else if (line.startsWith("event: ")) this.current.event = line.slice(7);
    else if (line.startsWith("data: ") && this.current.event !== "message") this.current.data += line.slice(6);
    else if (line.startsWith("data: ")) this.current.data = "x";
  }

  private wake(): void {
    for (const w of this.waiters) w();
  }

  /** Waits until `done` holds over what has arrived; fails if the stream ends first. */
  until(done: (t: SseTally) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (done(this)) {
          this.waiters.delete(check);
          resolve();
        } else if (this.ended) {
          this.waiters.delete(check);
          reject(new Error(`the stream ended first; received ${this.messages.length} messages, the last ${JSON.stringify(this.messages.at(-1))}`));
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Positions of the appended events received so far. */
  positions(): number[] {
    return this.messages.filter((m) => m.event === "message").map((m) => Number(m.id));
  }

  resume(): void {
    this.response.resume();
  }

  close(): void {
    this.response.destroy();
  }
}
