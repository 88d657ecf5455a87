// The web app's production server (`pnpm start` runs it): Next.js behind a node:http server that
// answers predict calls made with an API token itself, with @roundhouse/serving's handler, as
// `roundhouse serve` does, so the prediction hot path has no framework, session or Prisma in it
// (through the Next.js route it ran at a twelfth of `roundhouse serve`'s rate: README, Serving).
// Everything else goes to Next.js untouched, predict calls with the dashboard's session included.
import http from "node:http";
import { parseArgs } from "node:util";
import { isTokenPredict, startServing, tokenAuthenticator, tokenPredictHandler } from "@roundhouse/serving";
import next from "next";

const { values } = parseArgs({ options: { port: { type: "string" }, host: { type: "string" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.host ?? "127.0.0.1";
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set: start Roundhouse with `pnpm start`, which provides it.");

const app = next({ dev: false, dir: import.meta.dirname, hostname, port });
const nextHandler = app.getRequestHandler();
await app.prepare();

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
// Started on the first such call, like the route's serving library: a dashboard-only install loads
// no model. If it cannot start (the database is down), the call goes to Next.js, which says why.
let fastPredict: Promise<{ handler: Handler; close(): Promise<void> }> | undefined;
const startFastPredict = () => {
  fastPredict ??= (async () => {
    const serving = await startServing({ databaseUrl });
    const tokens = await tokenAuthenticator(databaseUrl);
    return {
      handler: tokenPredictHandler(serving, tokens.authenticate),
      close: () => Promise.all([serving.close(), tokens.close()]).then(() => {}),
    };
  })();
  fastPredict.catch(() => {
    fastPredict = undefined;
  });
  return fastPredict;
};

// ROUNDHOUSE_PREDICT_FAST_PATH=0 sends those calls through the Next.js route too (to compare).
const fastPathOn = process.env.ROUNDHOUSE_PREDICT_FAST_PATH !== "0";
const server = http.createServer((req, res) => {
  if (fastPathOn && isTokenPredict(req))
    startFastPredict().then(
      (p) => p.handler(req, res),
      () => nextHandler(req, res),
    );
  else void nextHandler(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`web app listening on http://${hostname}:${port}`));

// Every answered prediction is in the decision log already; closing lets the log's last batch finish.
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => {
    server.close();
    setTimeout(() => process.exit(0), 5_000).unref();
    void (fastPredict ?? Promise.resolve(null))
      .then((p) => p?.close())
      .catch(() => {})
      .finally(() => process.exit(0));
  });
