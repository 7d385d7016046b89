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
  (req.get("cookie") ?? "").split(";").map((c) => c.trim().split("=")).find(([key]) => key === name)?.[1];

/** A keyed hash of the read token: proof that someone entered it, without the browser keeping the token. */
const sessionProof = (readToken: string) => createHmac("sha256", readToken).update("parley dashboard read session").digest("base64url");

/** Writes need `Authorization: Bearer <token>`: 401 when it is missing, 403 when it is wrong. */
export function requireToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const presented = bearerOf(req);
    if (presented === undefined) {
      res.set("WWW-Authenticate", 'Bearer realm="parley"');
      return void res.status(401).json({ error: "writes need an 'Authorization: Bearer <token>' header (the token is PARLEY_API_TOKEN, or the file the server named at start)" });
    }
    if (!matches(presented, expected)) return void res.status(403).json({ error: "the bearer token is not this server's API token" });
    next();
  };
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
      return void res.status(401).json({ error: "reads on this server need the read token: send 'Authorization: Bearer <token>' (PARLEY_READ_TOKEN), or enter it on the dashboard" });
    }
    const admitted = presented !== undefined ? isToken(presented) : matches(session!, expectedProof);
    if (!admitted) return void res.status(403).json({ error: presented !== undefined ? "the bearer token is not this server's read token" : "the dashboard session is not valid on this server; enter the read token again" });
    next();
  };

  const openSession: RequestHandler = (req, res) => {
    const token: unknown = (req.body as { token?: unknown } | undefined)?.token;
    if (typeof token !== "string" || token === "") throw new BadRequestError("send the read token as JSON: { \"token\": \"...\" }", [{ path: "token", message: "required, a string" }]);
    if (!isToken(token)) return void res.status(403).json({ error: "that is not this server's read token" });
    res.cookie(SESSION_COOKIE, proof, { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/api" });
    res.status(204).end();
  };

  return { requireReader, openSession };
}
