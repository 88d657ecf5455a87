// `roundhouse serve`: the standalone prediction server. It reads the registry and writes the
// decision log in the same PostgreSQL as the dashboard (DATABASE_URL), and follows alias moves.
import { startServeServer } from "@roundhouse/serving";

export async function serve(o: { port: number; host: string }) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set: point it at the Roundhouse database (see README, Configuration).");
  const server = await startServeServer({ databaseUrl, port: o.port, host: o.host });
  process.stdout.write(`roundhouse serve: listening on ${server.url} (POST /api/v1/models/{name}/predict, GET /health)\n`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}
