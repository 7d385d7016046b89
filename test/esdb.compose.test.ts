import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EventStoreDbStore } from "../src/store/eventstoredb/store.ts";
import { openStore } from "../src/store/open.ts";
import type { EventStore } from "../src/store/port.ts";
import { EVENTSTORE_IMAGE } from "./esdb.reachable.ts";

interface Service {
  image?: string;
  build?: string;
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
      expect(seeds.sort()).toEqual(ips.filter((_, j) => j !== i).map((ip) => `${ip}:2113`).sort());
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
});
