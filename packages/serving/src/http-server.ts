// `roundhouse serve`: the serving library behind a bare node:http server (no framework, no session
// handling), so prediction traffic can scale apart from the dashboard. Same URL, body, answers and
// errors as the web app's predict endpoint; API tokens only.
import { randomUUID } from "node:crypto";
import http from "node:http";
import {
  assertStorableJson,
  can,
  Forbidden,
  Invalid,
  NotFound,
  PayloadTooLarge,
  PREDICT_BODY_BYTES,
  RoundhouseError,
  toProblem,
  Unauthenticated,
  usableRequestId,
} from "@roundhouse/contracts";
import { type Serving, type ServingOptions, startServing } from "./serving.ts";
import { type TokenCaller, tokenAuthenticator } from "./token-auth.ts";

const PREDICT_PATH = /^\/api\/v1\/models\/([^/]+)\/predict$/;

export interface ServeServer {
  url: string;
  serving: Serving;
  close(): Promise<void>;
}

/** Is this a predict call with an API token (the requests tokenPredictHandler answers)? */
export function isTokenPredict(req: http.IncomingMessage): boolean {
  return (
    req.method === "POST" &&
    /^bearer /i.test(req.headers.authorization ?? "") &&
    PREDICT_PATH.test(new URL(req.url ?? "/", "http://serve").pathname)
  );
}

/**
 * Answers predict calls on node:http with an API token: what `roundhouse serve` does, and what
 * the web app's own server does before a request reaches Next.js (apps/web/server.ts), so the hot
 * path has no framework, no session and no Prisma in it. Same URL, body, answers and errors as the
 * web app's route.
 */
export function tokenPredictHandler(serving: Serving, authenticate: (token: string) => Promise<TokenCaller | null>) {
  return (req: http.IncomingMessage, res: http.ServerResponse) =>
    answer(req, res, async (url) => {
      if (url.pathname.toLowerCase().includes("%00") || [...url.searchParams].some(([k, v]) => `${k}${v}`.includes("\0")))
        throw new Invalid("The request's address contains a NUL byte (%00).", [{ path: "", message: "contains a NUL byte" }]);
      const match = PREDICT_PATH.exec(url.pathname);
      if (!match || req.method !== "POST") throw new NotFound("Route", `${req.method} ${url.pathname}`);
      const [scheme, token] = (req.headers.authorization ?? "").split(" ");
      if (scheme?.toLowerCase() !== "bearer" || !token) throw new Unauthenticated("Send an API token as 'Authorization: Bearer <token>'.");
      const caller = await authenticate(token);
      if (!caller) throw new Unauthenticated("The API token is unknown, revoked or expired.");
      if (!can(caller.role, "models:predict"))
        throw new Forbidden(`Your role (${caller.role}) does not allow this: it needs the 'models:predict' permission.`);
      const body = await readJson(req);
      return serving.predict({
        modelName: decodeURIComponent(match[1] as string),
        query: Object.fromEntries(url.searchParams),
        body,
        caller: caller.email,
        requestId: res.getHeader("x-request-id") as string,
      });
    });
}

/** Runs one request's work and answers with its result, a problem+json, or a bare 500. */
async function answer(req: http.IncomingMessage, res: http.ServerResponse, work: (url: URL) => Promise<unknown>): Promise<void> {
  const requestId = usableRequestId(req.headers["x-request-id"] as string | undefined) ?? randomUUID();
  res.setHeader("x-request-id", requestId);
  res.setHeader("x-content-type-options", "nosniff");
  const send = (status: number, body: unknown, type = "application/json") => {
    res.writeHead(status, { "content-type": type });
    res.end(JSON.stringify(body));
  };
  try {
    send(200, await work(new URL(req.url ?? "/", "http://serve")));
  } catch (err) {
    if (err instanceof RoundhouseError) send(err.status, toProblem(err, requestId), "application/problem+json");
    else if (req.destroyed)
      return; // the client hung up mid-request: nobody to answer
    else {
      console.error(`[${requestId}] ${req.method} ${req.url} failed:`, err);
      send(500, toProblem(new RoundhouseError("internal", `Something went wrong on our side (request ${requestId}).`), requestId));
    }
  }
}

export async function startServeServer(opts: ServingOptions & { port: number; host?: string }): Promise<ServeServer> {
  const serving = await startServing(opts);
  const tokens = await tokenAuthenticator(opts.databaseUrl);
  const predict = tokenPredictHandler(serving, tokens.authenticate);
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && new URL(req.url ?? "/", "http://serve").pathname === "/health")
      void answer(req, res, async () => ({ status: "ok", decisionsWritten: serving.decisionsWritten() }));
    else void predict(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host ?? "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${address.port}`,
    serving,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await serving.close();
      await tokens.close();
    },
  };
}

/** The web app's limit and answer (apps/web/src/server/http.ts): a larger Content-Length is refused before reading. */
async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const tooLarge = () => new PayloadTooLarge(PREDICT_BODY_BYTES, "The request body", "", "");
  if (Number(req.headers["content-length"] ?? 0) > PREDICT_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > PREDICT_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new Invalid("The request body must be JSON: one record, or an array of records.", [{ path: "", message: "not valid JSON" }]);
  }
  assertStorableJson(body);
  return body;
}
