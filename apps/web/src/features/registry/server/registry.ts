import { localFileOf } from "@roundhouse/store";
import "server-only";
// What the registry pages and GET /api/v1/models read: models with their aliases, and one model
// with its versions (metrics, provenance), alias holders, alias timeline and open requests.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { type ModelDetail, type ModelSummary, NotFound, Unprocessable } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { deserializeModel, isOnnxModel } from "@roundhouse/ml";
import { exportOnnx, OnnxMismatch } from "@roundhouse/serving";

export async function listModels(): Promise<ModelSummary[]> {
  const models = await db().registeredModel.findMany({
    orderBy: { updatedAt: "desc" },
    include: {
      owner: { select: { email: true } },
      deployments: { include: { modelVersion: { select: { version: true } } } },
      versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, metrics: true, createdAt: true, featureSchema: true } },
      _count: { select: { versions: true, promotions: { where: { status: "pending" } } } },
    },
  });
  return models.map((m) => {
    const latest = m.versions[0];
    return {
      name: m.name,
      description: m.description,
      owner: m.owner.email,
      tags: m.tags,
      versions: m._count.versions,
      pendingRequests: m._count.promotions,
      latestVersion: latest?.version ?? null,
      latestMetrics: (latest?.metrics as Record<string, number> | null) ?? null,
      task: (latest?.featureSchema as { task?: string } | null)?.task ?? null,
      aliases: Object.fromEntries(m.deployments.map((d) => [d.alias, d.modelVersion.version])),
      updatedAt: (latest?.createdAt ?? m.updatedAt).toISOString(),
    };
  });
}

export async function getModel(name: string): Promise<ModelDetail> {
  const m = await db().registeredModel.findUnique({
    where: { name },
    include: {
      owner: { select: { email: true } },
      deployments: { include: { modelVersion: { select: { version: true } } } },
      versions: {
        orderBy: { version: "desc" },
        include: {
          run: {
            select: { id: true, jobId: true, algorithm: true, params: true, job: { select: { owner: { select: { email: true } } } } },
          },
          datasets: { include: { datasetVersion: { include: { dataset: { select: { name: true } } } } } },
        },
      },
    },
  });
  if (!m) throw new NotFound("Model", JSON.stringify(name));
  const versionOf = new Map(m.versions.map((v) => [v.id, v.version]));
  const history = await db().deploymentHistory.findMany({
    where: { modelId: m.id },
    orderBy: { at: "desc" },
    take: 200,
    include: { actor: { select: { email: true } } },
  });
  const requests = await db().promotionRequest.findMany({
    where: { modelId: m.id },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: {
      requester: { select: { email: true } },
      modelVersion: { select: { version: true } },
      approvals: { include: { approver: { select: { email: true } } } },
    },
  });
  return {
    name: m.name,
    description: m.description,
    owner: m.owner.email,
    tags: m.tags,
    createdAt: m.createdAt.toISOString(),
    aliases: m.deployments
      .map((d) => ({ alias: d.alias, version: d.modelVersion.version, modelVersionId: d.modelVersionId, since: d.updatedAt.toISOString() }))
      .sort((a, b) => a.alias.localeCompare(b.alias)),
    versions: m.versions.map((v) => ({
      id: v.id,
      version: v.version,
      runId: v.runId,
      jobId: v.run.jobId,
      algorithm: v.run.algorithm,
      params: v.run.params as Record<string, unknown>,
      task: (v.featureSchema as { task?: string } | null)?.task ?? null,
      metrics: (v.metrics as Record<string, number> | null) ?? {},
      artifactSha256: v.artifactSha256,
      createdBy: v.run.job.owner.email,
      createdAt: v.createdAt.toISOString(),
      datasets: v.datasets.map((d) => ({
        id: d.datasetVersionId,
        datasetId: d.datasetVersion.datasetId,
        name: d.datasetVersion.dataset.name,
        version: d.datasetVersion.version,
        sha256: d.datasetVersion.contentHash,
      })),
      aliases: m.deployments.filter((d) => d.modelVersionId === v.id).map((d) => d.alias),
    })),
    timeline: history.map((h) => ({
      id: h.id,
      alias: h.alias,
      action: h.action,
      version: versionOf.get(h.modelVersionId) ?? null,
      previousVersion: h.previousVersionId ? (versionOf.get(h.previousVersionId) ?? null) : null,
      reason: h.reason,
      actor: h.actor.email,
      promotionRequestId: h.promotionRequestId,
      at: h.at.toISOString(),
    })),
    requests: requests.map((r) => ({
      id: r.id,
      version: r.modelVersion.version,
      alias: r.alias,
      status: r.status,
      requester: r.requester.email,
      decidedBy: r.approvals[0]?.approver.email ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** The path of a version's model file, after checking its bytes still hash to the registered SHA-256. */
export async function modelFile(name: string, version: number): Promise<string> {
  const v = await db().modelVersion.findFirst({
    where: { version, model: { name } },
    select: { artifactSha256: true, artifact: { select: { path: true } } },
  });
  if (!v) throw new NotFound("Model version", `${name} v${version}`);
  const file = await localFileOf(v.artifact.path);
  const digest = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  if (digest !== v.artifactSha256) throw new Error(`The file of ${name} v${version} no longer matches its registered SHA-256`);
  return file;
}

/** A version as ONNX, with where it came from in the file's metadata; refused if onnxruntime disagrees with the model. */
export async function modelOnnx(name: string, version: number): Promise<Uint8Array> {
  const file = await modelFile(name, version);
  const doc = deserializeModel(fs.readFileSync(file, "utf8"));
  // A workflow's ONNX graph (PyTorch) is the model itself: it leaves as it was checked at training.
  if (isOnnxModel(doc.model)) return Buffer.from(doc.model.onnx, "base64");
  try {
    const exported = await exportOnnx(doc.model, doc.label, {
      "roundhouse.model": name,
      "roundhouse.version": String(version),
      "roundhouse.model_sha256": createHash("sha256").update(fs.readFileSync(file)).digest("hex"),
    });
    return exported.bytes;
  } catch (err) {
    if (err instanceof OnnxMismatch) throw new Unprocessable(err.message);
    throw err;
  }
}
