/**
 * The subscribers of the SSE measurement, in a process of their own so their parsing does
 * not share the server's thread: COUNT connections to /api/subscribe; for every event
 * position, the moment the last of them received it is reported to the parent.
 */
import { request } from "node:http";

const [port, count] = process.argv.slice(2).map(Number) as [number, number];
const now = () => performance.timeOrigin + performance.now();
const received = new Map<number, number>();
let ready = 0;

function subscriber(): void {
  const req = request({ host: "127.0.0.1", port, path: "/api/subscribe", headers: { accept: "text/event-stream" } }, (res) => {
    res.setEncoding("utf8");
    let buffer = "";
    res.on("data", (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        frame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    });
  });
  req.end();
}

function frame(text: string): void {
  const id = /^id: (\d+)$/m.exec(text)?.[1];
  if (/^event: ready$/m.test(text)) {
    if (++ready === count) process.send!({ ready: true });
    return;
  }
  if (id === undefined) return;
  const position = Number(id);
  const seen = (received.get(position) ?? 0) + 1;
  received.set(position, seen);
  if (seen === count) process.send!({ position, at: now() });
}

for (let i = 0; i < count; i++) subscriber();
