// Serving on a real PostgreSQL: answers with reasons and a logged decision, 422s that list every
// problem, alias moves picked up under continuous traffic without one failed request, and the
// standalone server killed under load without losing a decision it answered with.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { RoundhouseError } from "@roundhouse/contracts";
import {
  createApiToken,
  createDb,
  type Db,
  decidePromotion,
  requestPromotion,
  revokeApiToken,
  SYSTEM_ACTOR,
  updateUser,
} from "@roundhouse/db";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../../test/free-port.ts";
import { type Person, person, registerVersions, row } from "../../../test/registry-fixture.ts";
import { createTestDatabase } from "../../../test/test-database.ts";
import { verifyDecisionChain } from "./decision-chain.ts";
import { type Serving, startServing } from "./serving.ts";
import { tokenAuthenticator } from "./token-auth.ts";

let scratch: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let serving: Serving;
let engineer: Person;
let approver: Person;

const promote = async (modelName: string, version: number) => {
  const req = await requestPromotion(db, engineer.ctx, {
    modelName,
    version,
    alias: "production",
    justification: "better",
    comparison: null,
  });
  await decidePromotion(db, approver.ctx, req.id, "approved", "ok");
};
const call = (modelName: string, body: unknown, query: Record<string, string> = {}) =>
  serving.predict({ modelName, body, query, caller: "test", requestId: `req-${Math.random()}` });

beforeAll(async () => {
  scratch = await createTestDatabase(inject("adminUrl"));
  db = createDb(scratch.url, 6);
  serving = await startServing({ databaseUrl: scratch.url, aliasCheckMillis: 60_000 });
  engineer = await person(db, "engineer", "serve");
  approver = await person(db, "approver", "serve");
  await registerVersions(db, engineer, "churn", 3);
  await promote("churn", 1);
});
afterAll(async () => {
  await serving.close();
  await db.$disconnect();
  await scratch.drop();
});

describe("predict", () => {
  it("answers one row with prediction, probabilities, reasons and a logged decision", async () => {
    const answer = await call("churn", row(3));
    expect(answer.model).toMatchObject({ name: "churn", version: 1, alias: "production" });
    const [p] = answer.predictions;
    expect(["yes", "no"]).toContain(p?.prediction);
    expect((p?.probabilities?.yes ?? 0) + (p?.probabilities?.no ?? 0)).toBeCloseTo(1, 5);
    expect(p?.reasons).toHaveLength(4);
    expect(p?.reasons[0]?.feature).not.toBe("noise");
    const logged = await db.decision.findUniqueOrThrow({ where: { id: p?.decisionId as string }, include: { modelVersion: true } });
    expect(logged.modelVersion.version).toBe(1);
    expect(logged.input).toEqual(row(3));
    expect(logged.requestId).toBe(answer.requestId);
    expect((logged.output as { prediction: string }).prediction).toBe(p?.prediction);
  });

  it("answers a batch and an exact version", async () => {
    const answer = await call("churn", [row(1), row(2), row(3)], { version: "2", reasons: "2" });
    expect(answer.model).toMatchObject({ version: 2, alias: null });
    expect(answer.predictions).toHaveLength(3);
    expect(new Set(answer.predictions.map((p) => p.decisionId)).size).toBe(3);
    expect(answer.predictions[0]?.reasons).toHaveLength(2);
  });

  it.each([
    ["a wrong type", { ...row(), x1: "high" }, [["x1", '"x1" must be a number, got a string "high"']]],
    ["an object where a category belongs", { ...row(), color: { name: "red" } }, [["color", "must be a category"]]],
    ["a row that is not an object", [row(), 42], [["1", "each row must be a JSON object"]]],
    ["rows wrapped in an object", { rows: [row(), row()] }, [["", 'the row has none of the model\'s features (it has "rows")']]],
    ["a row of misspelt names", [row(), { X0: 1, X1: 2 }], [["1", "the row has none of the model's features"]]],
    [
      "every problem of a batch",
      [
        { ...row(), color: [7] },
        { ...row(), x0: "a", x1: {} },
      ],
      [
        ["0.color", "must be a category"],
        ["1.x0", "must be a number"],
        ["1.x1", "must be a number"],
      ],
    ],
  ])("refuses %s with 422 naming each problem, and logs nothing", async (_name, body, expected) => {
    const before = await db.decision.count();
    const err = await call("churn", body).catch((e) => e);
    expect(err).toBeInstanceOf(RoundhouseError);
    expect(err.status).toBe(422);
    expect(err.problems).toHaveLength(expected.length);
    expected.forEach(([p, message], i) => {
      expect(err.problems[i].path).toBe(p);
      expect(err.problems[i].message).toContain(message);
    });
    expect(await db.decision.count()).toBe(before);
  });

  it("scores real rows: an unseen category, an absent field and a numeric string are answered, each warning logged", async () => {
    const answer = await call("churn", [
      { ...row(), color: "purple" },
      { x0: "1.5", x1: 1, color: "red" },
    ]);
    expect(answer.predictions).toHaveLength(2);
    expect(answer.predictions[0]?.warnings).toEqual([
      { feature: "color", message: expect.stringMatching(/^unknown category "purple" for "color" .*scored as missing$/) },
    ]);
    expect(answer.predictions[1]?.warnings).toEqual([{ feature: "noise", message: '"noise" was not given; scored as missing' }]);
    const logged = await db.decision.findUniqueOrThrow({ where: { id: answer.predictions[0]?.decisionId as string } });
    expect(logged.warnings).toEqual(answer.predictions[0]?.warnings);
    const counted = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM decisions WHERE warnings @> '[{"feature":"color"}]'`;
    expect(Number(counted[0]?.n)).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ["an unknown model", "nope", {}, 404, 'Model "nope" does not exist'],
    ["an alias nobody holds", "churn", { alias: "staging" }, 404, 'no version with the alias "staging"'],
    ["a version that does not exist", "churn", { version: "9" }, 404, "has no version 9"],
    ["alias and version together", "churn", { alias: "staging", version: "1" }, 400, "either alias or version"],
    ["a misspelt version (not the production version)", "churn", { verison: "1" }, 400, 'unknown field "verison": did you mean "version"?'],
  ])("answers %s with %s", async (_name, model, query, status, message) => {
    const err = await call(model, row(), query as Record<string, string>).catch((e) => e);
    expect(err.status).toBe(status);
    expect(err.message).toContain(message);
  });

  it("fails the prediction when the decision log cannot be written", async () => {
    await db.$executeRawUnsafe("ALTER TABLE decisions ADD CONSTRAINT no_writes CHECK (false) NOT VALID");
    try {
      const err = await call("churn", row()).catch((e) => e);
      expect(err.status).toBe(503);
      expect(err.message).toContain("decision log could not be written");
    } finally {
      await db.$executeRawUnsafe("ALTER TABLE decisions DROP CONSTRAINT no_writes");
    }
  });
});

describe("alias switch under continuous predictions", () => {
  it("answers every request, and each decision records the version that answered", async () => {
    await registerVersions(db, engineer, "switch", 2);
    await promote("switch", 1);
    const answers: { decisionId: string; version: number }[] = [];
    let failures = 0;
    let running = true;
    const clients = Array.from({ length: 8 }, async () => {
      while (running) {
        try {
          const a = await call("switch", row(answers.length));
          answers.push({ decisionId: a.predictions[0]?.decisionId as string, version: a.model.version });
        } catch {
          failures++;
        }
      }
    });
    await new Promise((r) => setTimeout(r, 300));
    await promote("switch", 2);
    // The NOTIFY arrives after commit; the new holder is loaded, then published.
    const deadline = Date.now() + 5000;
    while (!answers.some((a) => a.version === 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    running = false;
    await Promise.all(clients);
    expect(failures).toBe(0);
    expect(answers.some((a) => a.version === 1)).toBe(true);
    expect(answers.some((a) => a.version === 2)).toBe(true);
    const logged = await db.decision.findMany({ where: { id: { in: answers.map((a) => a.decisionId) } }, include: { modelVersion: true } });
    expect(logged).toHaveLength(answers.length);
    const recorded = new Map(logged.map((d) => [d.id, d.modelVersion.version]));
    for (const a of answers) expect(recorded.get(a.decisionId)).toBe(a.version);
  });
});

describe("API tokens on the predict fast paths", () => {
  const eventually = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++)
      if (await check()) return;
      else await new Promise((r) => setTimeout(r, 20));
    throw new Error(`${what}: not within 2 s`);
  };

  it("are remembered, and forgotten at once when revoked or when their user is disabled or loses the permission", async () => {
    // A TTL of an hour: only the NOTIFY can make these forget within the test.
    const tokens = await tokenAuthenticator(scratch.url, 3_600_000);
    try {
      const user = await person(db, "engineer", "tokens");
      const revoked = await createApiToken(db, user.ctx, user.id, { name: "revoked" });
      expect(await tokens.authenticate(revoked.token)).toMatchObject({ email: user.email, role: "engineer" });
      await revokeApiToken(db, user.ctx, user.id, revoked.record.id);
      await eventually("the revoked token is refused", async () => (await tokens.authenticate(revoked.token)) === null);

      const demoted = await createApiToken(db, user.ctx, user.id, { name: "demoted" });
      expect(await tokens.authenticate(demoted.token)).not.toBeNull();
      await updateUser(db, { actor: SYSTEM_ACTOR }, user.id, { role: "viewer" });
      await eventually("the new role is seen", async () => (await tokens.authenticate(demoted.token))?.role === "viewer");

      await updateUser(db, { actor: SYSTEM_ACTOR }, user.id, { role: "engineer" });
      await eventually("the role is back", async () => (await tokens.authenticate(demoted.token))?.role === "engineer");
      await updateUser(db, { actor: SYSTEM_ACTOR }, user.id, { disabled: true });
      await eventually("the disabled user's token is refused", async () => (await tokens.authenticate(demoted.token)) === null);
    } finally {
      await tokens.close();
    }
  });
});

describe("roundhouse serve", () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill("SIGKILL"));

  it("killed under load, has every decision id it returned in the log", async () => {
    const { token } = await createApiToken(db, engineer.ctx, engineer.id, { name: "serve test" });
    const port = await freePort();
    child = spawn(process.execPath, [path.resolve("packages/cli/bin/roundhouse.js"), "serve", "--port", String(port)], {
      env: { ...process.env, DATABASE_URL: scratch.url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child?.stdout?.on("data", (d: Buffer) => d.toString().includes("listening") && resolve());
      child?.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}/api/v1/models/churn/predict`;
    const unauthorized = await fetch(url, { method: "POST", body: JSON.stringify(row()) });
    expect(unauthorized.status).toBe(401);
    const bad = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ x0: {}, x1: [], color: {} }),
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(((await bad.json()) as { errors: unknown[] }).errors).toHaveLength(3);

    const returned: string[] = [];
    let refused = 0;
    let running = true;
    const clients = Array.from({ length: 8 }, async () => {
      while (running) {
        try {
          const res = await fetch(url, {
            method: "POST",
            headers: { authorization: `Bearer ${token}` },
            body: JSON.stringify(row(returned.length)),
          });
          if (res.ok) returned.push(((await res.json()) as { predictions: { decisionId: string }[] }).predictions[0]?.decisionId as string);
        } catch {
          refused++; // connections cut by the kill, and refused after it
        }
      }
    });
    while (returned.length < 200) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    running = false;
    await Promise.all(clients);
    expect(refused).toBeGreaterThan(0);
    const logged = await db.decision.count({ where: { id: { in: returned } } });
    expect(logged).toBe(returned.length);
  });
});

describe("the decision log's hash chain", () => {
  const bypass = async (sql: string) => {
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    try {
      await admin.query("BEGIN");
      await admin.query("SET LOCAL session_replication_role = replica");
      await admin.query(sql);
      await admin.query("COMMIT");
    } finally {
      await admin.end();
    }
  };
  const verify = () => verifyDecisionChain((sql, params) => db.$queryRawUnsafe(sql, ...params));

  it("hashes every group-committed batch, under concurrent load, so the chain verifies", async () => {
    const batchesBefore = await db.decisionBatch.count();
    await Promise.all(Array.from({ length: 60 }, (_, i) => call("churn", [row(i), row(i + 1)])));
    const report = await verify();
    expect(report).toMatchObject({ ok: true, firstBroken: null });
    expect(report.decisions).toBe(await db.decision.count({ where: { batchSeq: { not: null } } }));
    expect(report.batches - batchesBefore).toBeLessThan(60); // group commit: fewer batches than calls
    await expect(db.$executeRawUnsafe("UPDATE decisions SET caller = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe("DELETE FROM decisions")).rejects.toThrow(/append-only/);
  });

  it("finds a decision changed or deleted behind the triggers' back, naming its batch", async () => {
    await call("churn", row(7));
    const last = await db.decision.findFirstOrThrow({ orderBy: { at: "desc" } });
    await bypass(`UPDATE decisions SET output = '{"prediction": "no"}' WHERE id = '${last.id}'`);
    const edited = await verify();
    expect(edited.ok).toBe(false);
    expect(edited.firstBroken).toEqual({ batchSeq: String(last.batchSeq), reason: expect.stringMatching(/decision was modified/) });

    await bypass(`DELETE FROM decisions WHERE id = '${last.id}'`);
    expect((await verify()).firstBroken?.reason).toMatch(/decisions were added or removed/);
  });
});
