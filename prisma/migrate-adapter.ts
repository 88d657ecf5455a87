// A driver adapter for the Prisma CLI's JavaScript schema engine (migrate dev/diff/deploy).
// It works around three faults of @prisma/adapter-pg 6.19.3 that only the migrate commands hit
// (see ../shared/STACK.md): catalog columns of type `name`/"char", the shadow database being the
// real database when built from a connection string, and the shadow database dropped before its
// pool closes. Runtime queries use the plain adapter (packages/db).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

type Fields = { fields?: { dataTypeID: number }[] };

function asText(result: unknown): unknown {
  // Multi-statement scripts return an array of results; the engine never reads their fields.
  if (result && !Array.isArray(result) && Array.isArray((result as Fields).fields)) {
    for (const field of (result as Fields).fields ?? []) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

function catalogSafePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const last = args[args.length - 1];
      if (typeof last === "function") {
        args[args.length - 1] = (err: unknown, res: unknown) => last(err, asText(res));
        return query(...args);
      }
      const out = query(...args);
      return out instanceof Promise ? out.then(asText) : out;
    };
  });
  return pool;
}

export function poolConfigFromUrl(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    max: 4,
  };
}

export function migrateAdapter(url: string) {
  const config = poolConfigFromUrl(url);
  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    connect: () => new PrismaPg(catalogSafePool(config), { disposeExternalPool: true }).connect(),
    async connectToShadowDb() {
      const admin = new pg.Client(config);
      await admin.connect();
      const database = `prisma_shadow_${Date.now()}_${process.pid}`;
      await admin.query(`CREATE DATABASE "${database}"`);
      const adapter = await new PrismaPg(catalogSafePool({ ...config, database }), {
        disposeExternalPool: true,
      }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await admin.end();
      };
      return adapter;
    },
  };
}
