// Which model version answers a request. Versions are immutable, so a loaded version is kept for
// the life of the process. Aliases move: an alias move is announced with NOTIFY (the registry does
// it in the approving transaction) and the new holder is loaded before it replaces the old one, so
// requests during the switch are answered by one or the other and never fail. A NOTIFY can be
// missed (connection lost), so an alias is also checked against the table once it is older than
// `checkMillis`.
import { ALIAS_CHANNEL, NotFound, RoundhouseError } from "@roundhouse/contracts";
import pg from "pg";
import { loadServedModel, type ModelVersionRef, type ServedModel } from "./served-model.ts";

const SELECT_VERSION = `SELECT mv.id AS "modelVersionId", m.name AS "modelName", mv.version, a.path AS "artifactPath",
    mv.artifact_sha256 AS "artifactSha256", mv.feature_schema AS "featureSchema"
  FROM registered_models m JOIN model_versions mv ON mv.model_id = m.id JOIN artifacts a ON a.id = mv.artifact_id`;

interface AliasEntry {
  model: ServedModel;
  checkedAt: number;
}

export class ModelResolver {
  private versions = new Map<string, Promise<ServedModel>>();
  private exact = new Map<string, Promise<ServedModel>>();
  private aliases = new Map<string, AliasEntry>();
  private refreshing = new Map<string, Promise<ServedModel>>();
  private listener: pg.Client | null = null;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly databaseUrl: string,
    private readonly checkMillis = 5000,
  ) {}

  async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on("notification", (n) => this.onAliasMoved(n.payload ?? ""));
    client.on("error", () => {
      // Lost the connection: every alias is re-checked on its next use until we listen again.
      for (const e of this.aliases.values()) e.checkedAt = 0;
      this.listener = null;
      setTimeout(() => void this.listen().catch(() => {}), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${ALIAS_CHANNEL}`);
    this.listener = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => {});
  }

  async byAlias(name: string, alias: string): Promise<ServedModel> {
    const key = `${name}\u0000${alias}`;
    const entry = this.aliases.get(key);
    if (entry) {
      // Stale entries keep answering while the check runs in the background.
      if (Date.now() - entry.checkedAt > this.checkMillis) void this.refresh(key, name, alias).catch(() => {});
      return entry.model;
    }
    return this.refresh(key, name, alias);
  }

  /** Versions never change: looked up once per name and number (a missing one is asked again). */
  byVersion(name: string, version: number): Promise<ServedModel> {
    const key = `${name}\u0000${version}`;
    let found = this.exact.get(key);
    if (!found) {
      found = (async () => {
        const { rows } = await this.pool.query<ModelVersionRef>(`${SELECT_VERSION} WHERE m.name = $1 AND mv.version = $2`, [name, version]);
        const ref = rows[0];
        if (!ref) throw await this.notFound(name, `has no version ${version}`);
        return this.load(ref);
      })();
      found.catch(() => this.exact.delete(key));
      this.exact.set(key, found);
    }
    return found;
  }

  private onAliasMoved(modelName: string) {
    for (const [key] of this.aliases) {
      const [name, alias] = key.split("\u0000") as [string, string];
      if (name === modelName) void this.refresh(key, name, alias).catch(() => {});
    }
  }

  /** Looks the alias up and loads its holder before publishing it; one lookup per alias at a time. */
  private refresh(key: string, name: string, alias: string): Promise<ServedModel> {
    const running = this.refreshing.get(key);
    if (running) return running;
    const work = (async () => {
      const checkedAt = Date.now();
      const { rows } = await this.pool.query<ModelVersionRef>(
        `${SELECT_VERSION} JOIN deployments d ON d.model_version_id = mv.id AND d.model_id = m.id WHERE m.name = $1 AND d.alias = $2`,
        [name, alias],
      );
      const ref = rows[0];
      if (!ref) {
        this.aliases.delete(key);
        throw await this.notFound(name, `has no version with the alias "${alias}"; promote one first`);
      }
      const model = await this.load(ref);
      this.aliases.set(key, { model, checkedAt });
      return model;
    })().finally(() => this.refreshing.delete(key));
    this.refreshing.set(key, work);
    return work;
  }

  private load(ref: ModelVersionRef): Promise<ServedModel> {
    let loading = this.versions.get(ref.modelVersionId);
    if (!loading) {
      loading = loadServedModel(ref);
      // A failed load (file missing) is retried on the next request, not remembered.
      loading.catch(() => this.versions.delete(ref.modelVersionId));
      this.versions.set(ref.modelVersionId, loading);
    }
    return loading;
  }

  private async notFound(name: string, what: string): Promise<RoundhouseError> {
    const { rows } = await this.pool.query("SELECT 1 FROM registered_models WHERE name = $1", [name]);
    return rows.length ? new RoundhouseError("not_found", `Model "${name}" ${what}.`) : new NotFound("Model", JSON.stringify(name));
  }
}
