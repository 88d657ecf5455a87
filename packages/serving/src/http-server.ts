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
  RoundhouseError,
  toProblem,
  Unauthenticated,
  usableRequestId,
} from "@roundhouse/contracts";
import pg from "pg";
import { type Serving, type ServingOptions, startServing } from "./serving.ts";
import { tokenAuthenticator } from "./token-auth.ts";

const PREDICT_PATH = /^\/api\/v1\/models\/([^/]+)\/predict$/;
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface ServeServer {
  url: string;
  serving: Serving;
  close(): Promise<void>;
}

export async function startServeServer(opts: ServingOptions & { port: number; host?: string }): Promise<ServeServer> {
  const serving = await startServing(opts);
  const authPool = new pg.Pool({ connectionString: opts.databaseUrl, max: 1 });
  const authenticate = tokenAuthenticator(authPool);

  const server = http.createServer(async (req, res) => {
    const requestId = usableRequestId(req.headers["x-request-id"] as string | undefined) ?? randomUUID();
    const send = (status: number, body: unknown, type = "application/json") => {
      res.writeHead(status, { "content-type": type, "x-request-id": requestId });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? "/", "http://serve");
      if (url.pathname === "/health" && req.method === "GET") {
        send(200, { status: "ok", decisionsWritten: serving.decisionsWritten() });
        return;
      }
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
      const answer = await serving.predict({
        modelName: decodeURIComponent(match[1] as string),
        query: Object.fromEntries(url.searchParams),
        body,
        caller: caller.email,
        requestId,
      });
      send(200, answer);
    } catch (err) {
      if (err instanceof RoundhouseError) send(err.status, toProblem(err, requestId), "application/problem+json");
      else if (req.destroyed)
        return; // the client hung up mid-request: nobody to answer
      else {
        console.error(`[${requestId}] ${req.method} ${req.url} failed:`, err);
        send(500, toProblem(new RoundhouseError("internal", `Something went wrong on our side (request ${requestId}).`), requestId));
      }
    }
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
      await authPool.end();
    },
  };
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new RoundhouseError("payload_too_large", "The request body is larger than 4 MB; send at most 1,000 rows per call.");
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
