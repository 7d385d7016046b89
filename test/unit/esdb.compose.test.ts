import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EventStoreDbStore } from "../../src/store/eventstoredb/store.ts";
import { tokenFileFor } from "../../src/http/token.ts";
import { openStore } from "../../src/store/open.ts";
import type { EventStore } from "../../src/store/port.ts";
import { EVENTSTORE_IMAGE } from "../support/esdb.reachable.ts";

interface Service {
  image?: string;
  build?: string;
  restart?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  networks?: Record<string, { ipv4_address: string }> | string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const load = (file: string) => parse(readFileSync(file, "utf8"), { merge: true }) as Compose;

/**
 * The image's file layout as the Dockerfile builds it, far enough to say who owns each
 * directory: WORKDIR makes root's directories, COPY brings the build context minus
 * .dockerignore, RUN's `mkdir -p` and `chown` act as written, USER sets who runs Parley.
 */
function imageLayout(dockerfile: string, ignored: string[]) {
  const owners = new Map<string, string>([["/", "root"]]);
  let workdir = "/";
  let user = "root";
  const make = (dir: string, owner: string) => {
    for (let d = dir; !owners.has(d); d = posix.dirname(d)) owners.set(d, owner);
  };
  const instructions = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"));
  for (const line of instructions) {
    const [op, ...rest] = line.trim().split(/\s+/);
    const at = (p: string) => posix.resolve(workdir, p);
    if (op === "WORKDIR") make((workdir = at(rest[0]!)), "root");
    if (op === "USER") user = rest[0]!;
    if (op === "COPY" && rest.includes(".") && ignored.includes("data") === false) make(at("data"), rest.find((r) => r.startsWith("--chown="))?.split(/[=:]/)[1] ?? user);
    if (op === "RUN")
      for (const command of rest
        .join(" ")
        .split("&&")
        .map((c) => c.trim().split(/\s+/))) {
        if (command[0] === "mkdir") for (const dir of command.slice(1).filter((a) => !a.startsWith("-"))) make(at(dir), user);
        if (command[0] === "chown") for (const dir of command.slice(2)) if (owners.has(at(dir))) owners.set(at(dir), command[1]!.split(":")[0]!);
      }
  }
  return { owners, workdir, user };
}

/** Whether `mkdirSync(dir, { recursive: true })` and a file write there succeed as the image's user: the nearest existing directory must be theirs. */
function writableAt(layout: ReturnType<typeof imageLayout>, dir: string): boolean {
  let d = posix.resolve(layout.workdir, dir);
  while (!layout.owners.has(d)) d = posix.dirname(d);
  return layout.owners.get(d) === layout.user;
}

describe("docker compose files", () => {
  const opened: EventStore[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });

  /** The locator compose hands Parley must be one openStore takes (it connects lazily, so no server is needed). */
  async function opens(locator: string) {
    const store = await openStore(locator);
    opened.push(store);
    expect(store).toBeInstanceOf(EventStoreDbStore);
  }

  it("runs one insecure EventStoreDB node on a volume, with a health check, and Parley against it", async () => {
    const { services, volumes } = load("docker-compose.yml");
    const db = services.eventstore!;
    expect(db.image).toBe(EVENTSTORE_IMAGE);
    expect(db.environment).toMatchObject({ EVENTSTORE_CLUSTER_SIZE: "1", EVENTSTORE_INSECURE: "true", EVENTSTORE_RUN_PROJECTIONS: "None" });
    expect(db.volumes).toContain("eventstore-data:/var/lib/eventstore");
    expect(Object.keys(volumes ?? {})).toContain("eventstore-data");
    expect(db.healthcheck?.test.join(" ")).toContain("http://localhost:2113/health/live");

    const parley = services.parley!;
    expect(parley.build).toBe(".");
    expect(parley.depends_on).toEqual({ eventstore: { condition: "service_healthy" } });
    expect(parley.environment?.PARLEY_STORE).toBe("esdb://eventstore:2113?tls=false");
    await opens(parley.environment!.PARLEY_STORE!);
  });

  it("describes a three-node cluster whose nodes seed each other and whose client knows all three", async () => {
    const { services } = load("docker-compose.cluster.yml");
    const nodes = ["node1", "node2", "node3"].map((name) => ({ name, ...services[name]! }));
    const ips = nodes.map((n) => n.environment!.EVENTSTORE_REPLICATION_IP!);
    for (const [i, node] of nodes.entries()) {
      expect(node.image).toBe(EVENTSTORE_IMAGE);
      expect(node.environment).toMatchObject({ EVENTSTORE_CLUSTER_SIZE: "3", EVENTSTORE_INSECURE: "true", EVENTSTORE_DISCOVER_VIA_DNS: "false" });
      expect((node.networks as Record<string, { ipv4_address: string }>).parley!.ipv4_address).toBe(ips[i]);
      const seeds = node.environment!.EVENTSTORE_GOSSIP_SEED!.split(",");
      expect(seeds.sort()).toEqual(
        ips
          .filter((_, j) => j !== i)
          .map((ip) => `${ip}:2113`)
          .sort(),
      );
      expect(node.healthcheck?.test.join(" ")).toContain("/health/live");
      expect(node.volumes).toEqual([`${node.name}-data:/var/lib/eventstore`]);
    }
    const parley = services.parley!;
    expect(Object.keys(parley.depends_on ?? {})).toEqual(["node1", "node2", "node3"]);
    const locator = parley.environment!.PARLEY_STORE!;
    expect(locator).toMatch(/^esdb:\/\/node1:2113,node2:2113,node3:2113\?/);
    await opens(locator);
  });

  it("builds Parley with npm ci and starts it with npm start, leaving local data out of the image", () => {
    const dockerfile = readFileSync("Dockerfile", "utf8");
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^CMD \["npm", "start"\]$/m);
    const ignored = readFileSync(".dockerignore", "utf8").split("\n");
    for (const path of ["node_modules", "data", "*.db", ".git"]) expect(ignored).toContain(path);
  });

  it.each(["docker-compose.yml", "docker-compose.cluster.yml"])(
    "%s: Parley, run as a user other than root, can write its API token, keeps it on a volume, and restarts",
    (file) => {
      const layout = imageLayout(readFileSync("Dockerfile", "utf8"), readFileSync(".dockerignore", "utf8").split("\n"));
      expect(layout.user).not.toBe("root");
      const { services, volumes } = load(file);
      const parley = services.parley!;
      const tokenDir = posix.resolve(layout.workdir, posix.dirname(tokenFileFor(parley.environment!.PARLEY_STORE!)!));
      expect(writableAt(layout, tokenDir)).toBe(true);
      const mount = parley.volumes?.find((v) => v.endsWith(`:${tokenDir}`));
      expect(mount).toBeDefined();
      expect(Object.keys(volumes ?? {})).toContain(mount!.split(":")[0]);
      expect(parley.restart).toBe("unless-stopped");
    },
  );

  it("has a layout check that catches a token directory the runtime user cannot create", () => {
    const withoutFix = "FROM node:20\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\n";
    expect(writableAt(imageLayout(withoutFix, ["data"]), "data")).toBe(false);
    const fixed = "FROM node:20\nWORKDIR /app\nCOPY --chown=node:node . .\nRUN mkdir -p /app/data && chown node:node /app/data\nUSER node\n";
    expect(writableAt(imageLayout(fixed, ["data"]), "data")).toBe(true);
    const copiedIn = "FROM node:20\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\n";
    expect(writableAt(imageLayout(copiedIn, []), "data")).toBe(true);
  });

  it("starts Parley on the cluster only once gossip names a leader, and lets discovery ride out an election", () => {
    const { services } = load("docker-compose.cluster.yml");
    for (const name of ["node1", "node2", "node3"]) {
      const check = services[name]!.healthcheck!.test.join(" ");
      expect(check).toContain("http://localhost:2113/gossip");
      expect(check).toMatch(/grep -Eq '"state": \*"Leader"'/);
      expect(services.parley!.depends_on![name]).toEqual({ condition: "service_healthy" });
    }
    const query = new URLSearchParams(services.parley!.environment!.PARLEY_STORE!.split("?")[1]);
    // The client's defaults are 10 attempts 100 ms apart (dist/Client/discovery.js): about a second.
    expect(Number(query.get("maxDiscoverAttempts")) * Number(query.get("discoveryInterval") ?? 100)).toBeGreaterThanOrEqual(10_000);
  });
});
