import { z } from "zod";
import { describeIssues, issuesOf } from "../../events/issues.ts";

/** The guards an operator can tune; every one has a default that is safe on an open network. */
export interface HttpSettings {
  /** The largest request body accepted, in bytes; a bigger one is a 413 before it is parsed. */
  bodyLimit: number;
  /** Origins whose pages may call the API from a browser; none by default. */
  corsOrigins: string[];
  /** Writes (and write-token attempts) one client address may make per minute. */
  writesPerMinute: number;
  /** When set, reads need it (or the write token); otherwise reads are open. */
  readToken?: string;
  /** Bytes a live subscriber may fall behind before it is dropped (it can resume with Last-Event-ID). */
  subscriberBuffer: number;
  /** Live subscribers served at once; one more is a 503 with Retry-After, so streams cannot exhaust sockets or memory. */
  maxSubscribers: number;
  /**
   * Which proxies in front may name the client (X-Forwarded-For): a hop count, or their
   * addresses and subnets. Unset, the socket's address is the client, and behind a proxy
   * every client would share one write budget.
   */
  trustProxy?: number | string[];
}

const MiB = 1024 * 1024;

export const defaultSettings: HttpSettings = { bodyLimit: MiB, corsOrigins: [], writesPerMinute: 600, subscriberBuffer: MiB, maxSubscribers: 1000 };

const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1024, mb: MiB };

/** "1048576", "512kb", "2mb": a size as an operator writes it. */
const Size = z.string().transform((text, ctx) => {
  const m = /^\s*(\d+)\s*(b|kb|mb)?\s*$/i.exec(text);
  const bytes = m ? Number(m[1]) * UNITS[(m[2] ?? "").toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    ctx.addIssue({ code: "custom", message: `'${text}' is not a size: write bytes, or a number with kb or mb (e.g. 1mb)` });
    return z.NEVER;
  }
  return bytes;
});

/** An origin is scheme, host and port, exactly as a browser sends it in the Origin header. */
const Origins = z.string().transform((text, ctx) => {
  const origins = text
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    const parsed = URL.canParse(origin) ? new URL(origin) : undefined;
    if (parsed?.origin !== origin || !["http:", "https:"].includes(parsed.protocol))
      ctx.addIssue({ code: "custom", message: `'${origin}' is not an origin such as https://analysts.example.org (scheme, host, optional port; no path, no trailing slash)` });
  }
  return origins;
});

/**
 * "1" (hops) or "loopback, 10.0.0.0/8": never "true", which would let any client name
 * itself and so escape the write limit.
 */
const TrustProxy = z.string().transform((text, ctx) => {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed) && Number(trimmed) > 0) return Number(trimmed);
  const list = trimmed
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (list.length === 0 || list.some((p) => p === "true" || p === "false")) {
    ctx.addIssue({
      code: "custom",
      message: `'${text}' must be a number of proxy hops (e.g. 1) or the proxies' addresses or subnets (e.g. loopback, 10.0.0.0/8); "true" would let any client choose its own address`,
    });
    return z.NEVER;
  }
  return list;
});

const Env = z.object({
  PARLEY_BODY_LIMIT: Size.optional(),
  PARLEY_CORS_ORIGINS: Origins.optional(),
  PARLEY_WRITE_RATE_LIMIT: z.coerce.number({ message: "must be a whole number of writes per minute" }).int().positive().optional(),
  PARLEY_READ_TOKEN: z.string().optional(),
  PARLEY_SUBSCRIBER_BUFFER: Size.optional(),
  PARLEY_MAX_SUBSCRIBERS: z.coerce.number({ message: "must be a whole number of live subscribers" }).int().positive().optional(),
  PARLEY_TRUST_PROXY: TrustProxy.optional(),
});

/** The settings the environment asks for; a bad value stops the server at start, naming the variable. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): HttpSettings {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new Error(describeIssues(issuesOf(parsed.error)));
  const e = parsed.data;
  return {
    bodyLimit: e.PARLEY_BODY_LIMIT ?? defaultSettings.bodyLimit,
    corsOrigins: e.PARLEY_CORS_ORIGINS ?? defaultSettings.corsOrigins,
    writesPerMinute: e.PARLEY_WRITE_RATE_LIMIT ?? defaultSettings.writesPerMinute,
    ...(e.PARLEY_READ_TOKEN ? { readToken: e.PARLEY_READ_TOKEN } : {}),
    subscriberBuffer: e.PARLEY_SUBSCRIBER_BUFFER ?? defaultSettings.subscriberBuffer,
    maxSubscribers: e.PARLEY_MAX_SUBSCRIBERS ?? defaultSettings.maxSubscribers,
    ...(e.PARLEY_TRUST_PROXY !== undefined ? { trustProxy: e.PARLEY_TRUST_PROXY } : {}),
  };
}
