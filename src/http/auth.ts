import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { BadRequestError } from "./errors.ts";

/** Hashing first gives equal-length buffers, so the comparison leaks neither content nor length. */
const digest = (text: string) => createHash("sha256").update(text).digest();
const matches = (candidate: string, expected: Buffer) => timingSafeEqual(digest(candidate), expected);

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none or it is malformed. */
const bearerOf = (req: Request) => /^Bearer +(\S+) *$/i.exec(req.get("authorization") ?? "")?.[1];

/** The dashboard's read session lives in this cookie; scripts send the token itself. */
export const SESSION_COOKIE = "parley_read";

const cookieOf = (req: Request, name: string) =>
  (req.get("cookie") ?? "")
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([key]) => key === name)?.[1];

/** A keyed hash of the read token: proof that someone entered it, without the browser keeping the token. */
const sessionProof = (readToken: string) => createHmac("sha256", readToken).update("parley dashboard read session").digest("base64url");

/** The dashboard's write session: a separate cookie, so reading never implies writing. */
export const WRITE_COOKIE = "parley_write";

const writeProof = (writeToken: string) => createHmac("sha256", writeToken).update("parley dashboard write session").digest("base64url");

/** The origin this request was addressed to, as a browser on the dashboard names it in `Origin` (behind a trusted proxy, its X-Forwarded-Proto and -Host). */
const ownOrigin = (req: Request) => `${req.protocol}://${req.host ?? ""}`;

export interface WriteAccess {
  /** Admits a write: a bearer token (scripts), or the dashboard's write cookie sent from this server's own origin. */
  requireWriter: RequestHandler;
  /** `POST /api/session/write { token }`: the dashboard trades the API token for a write cookie. */
  openWriteSession: RequestHandler;
}

/**
 * Writes need the API token. Scripts send `Authorization: Bearer <token>`. The dashboard holds an
 * HttpOnly, SameSite=Strict cookie with a keyed hash of it; because a browser attaches that cookie
 * by itself, every cookie-authenticated write must also carry this server's own `Origin`, so no
 * other site can post through a signed-in browser.
 */
export function writeAccess(token: string): WriteAccess {
  const expected = digest(token);
  const proof = writeProof(token);
  const expectedProof = digest(proof);

  const requireWriter: RequestHandler = (req, res, next) => {
    const presented = bearerOf(req);
    if (presented !== undefined) {
      if (!matches(presented, expected)) return void res.status(403).json({ error: "the bearer token is not this server's API token" });
      return next();
    }
    const session = cookieOf(req, WRITE_COOKIE);
    if (session === undefined) {
      res.set("WWW-Authenticate", 'Bearer realm="parley"');
      return void res.status(401).json({ error: "writes need an 'Authorization: Bearer <token>' header (the token is PARLEY_API_TOKEN, or the file the server named at start)" });
    }
    if (!matches(session, expectedProof)) return void res.status(403).json({ error: "the dashboard write session is not valid on this server; sign in for writes again" });
    const origin = req.get("origin");
    if (origin === undefined)
      return void res.status(403).json({ error: `a write with the dashboard's session cookie must carry an Origin header, and it has none; expected ${ownOrigin(req)}` });
    if (origin !== ownOrigin(req))
      return void res.status(403).json({ error: `a write with the dashboard's session cookie must come from this server's own page: Origin '${origin}' is not ${ownOrigin(req)}` });
    next();
  };

  const openWriteSession: RequestHandler = (req, res) => {
    const presented: unknown = (req.body as { token?: unknown } | undefined)?.token;
    if (typeof presented !== "string" || presented === "")
      throw new BadRequestError('send the API token as JSON: { "token": "..." }', [{ path: "token", message: "required, a string" }]);
    if (!matches(presented, expected)) return void res.status(403).json({ error: "that is not this server's API (write) token" });
    res.cookie(WRITE_COOKIE, proof, { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/api" });
    res.status(204).end();
  };

  return { requireWriter, openWriteSession };
}

export interface ReadAccess {
  /** Admits a read request, or answers 401/403. */
  requireReader: RequestHandler;
  /** `POST /api/session { token }`: the dashboard trades the read token for a session cookie. */
  openSession: RequestHandler;
}

/**
 * Reads behind a read token: a script sends it (or the write token) as a bearer token, and the
 * dashboard, which cannot put a header on an EventSource, holds an HttpOnly, SameSite=Strict
 * cookie carrying a keyed hash of it.
 */
export function readAccess(readToken: string, writeToken: string): ReadAccess {
  const tokens = [digest(readToken), digest(writeToken)];
  const proof = sessionProof(readToken);
  const expectedProof = digest(proof);
  const isToken = (candidate: string) => tokens.map((t) => matches(candidate, t)).includes(true);

  const requireReader: RequestHandler = (req, res, next) => {
    const presented = bearerOf(req);
    const session = cookieOf(req, SESSION_COOKIE);
    if (presented === undefined && session === undefined) {
      res.set("WWW-Authenticate", 'Bearer realm="parley"');
      return void res
        .status(401)
        .json({ error: "reads on this server need the read token: send 'Authorization: Bearer <token>' (PARLEY_READ_TOKEN), or enter it on the dashboard" });
    }
    const admitted = presented !== undefined ? isToken(presented) : matches(session!, expectedProof);
    if (!admitted)
      return void res.status(403).json({
        error: presented !== undefined ? "the bearer token is not this server's read token" : "the dashboard session is not valid on this server; enter the read token again",
      });
    next();
  };

  const openSession: RequestHandler = (req, res) => {
    const token: unknown = (req.body as { token?: unknown } | undefined)?.token;
    if (typeof token !== "string" || token === "") throw new BadRequestError('send the read token as JSON: { "token": "..." }', [{ path: "token", message: "required, a string" }]);
    if (!isToken(token)) return void res.status(403).json({ error: "that is not this server's read token" });
    res.cookie(SESSION_COOKIE, proof, { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/api" });
    res.status(204).end();
  };

  return { requireReader, openSession };
}
