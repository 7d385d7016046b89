import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseLocator } from "../../src/store/postgres/locator.ts";

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }> | string[];
  configs?: { source: string; target: string }[];
}
interface Compose {
  services: Record<string, Service>;
  configs: Record<string, { content: string }>;
}

// Read, not run: no Docker engine on these machines. test/integration/postgres.servers.test.ts runs the same setup without containers.
describe("docker-compose.postgres.yml", () => {
  const { services, configs } = parse(readFileSync("docker-compose.postgres.yml", "utf8"), { merge: true }) as Compose;

  it("runs two Parley servers on one PostgreSQL record, each sharing the write token and waiting for a healthy database", () => {
    const db = services.postgres!;
    expect(db.image).toMatch(/^postgres:/);
    expect(db.healthcheck?.test.join(" ")).toContain("pg_isready");
    const { POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB } = db.environment!;
    for (const name of ["parley1", "parley2"]) {
      const parley = services[name]!;
      expect(parley.build).toBe(".");
      expect(parley.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
      const location = parseLocator(parley.environment!.PARLEY_STORE!);
      expect(location.connectionString).toBe(`postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres:5432/${POSTGRES_DB}`);
      expect(location.schema).toBe("parley");
      expect(parley.environment!.PARLEY_API_TOKEN).toMatch(/^\$\{PARLEY_API_TOKEN:\?/);
      expect(parley.healthcheck?.test.join(" ")).toContain("/healthz");
    }
  });

  it("balances across both behind Caddy, which checks /healthz and does not buffer event streams", () => {
    const caddy = services.caddy!;
    expect(caddy.configs).toEqual([{ source: "caddyfile", target: "/etc/caddy/Caddyfile" }]);
    const caddyfile = configs.caddyfile!.content;
    expect(caddyfile).toMatch(/reverse_proxy parley1:3000 parley2:3000/);
    expect(caddyfile).toContain("health_uri /healthz");
    expect(caddyfile).toContain("flush_interval -1");
  });
});
