import { get } from "node:http";
import { SseStream } from "./sse-stream.ts";

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
export class SseTally extends SseStream<Tallied> {
  private partial = "";
  private current: { id?: string; event: string; data: string } = { event: "message", data: "" };

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

  protected receive(chunk: string): void {
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop()!;
    for (const line of lines) this.line(line);
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

  protected received(): string {
    return `${this.messages.length} messages, the last ${JSON.stringify(this.messages.at(-1))}`;
  }

  resume(): void {
    this.response.resume();
  }
}
