import "server-only";
// A row to put in the model page's "Call this model" snippets: the model's own feature names with
// typical values from the data it was trained on (the median of a number, the most frequent
// category), so the snippet runs as pasted and gets a real answer.
import type { DatasetProfile } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";

export interface CallExample {
  version: number;
  alias: string | null;
  row: Record<string, string | number | null>;
}

interface FeatureSchema {
  features: Array<{ name: string; type?: string; categories?: string[] }>;
}

export async function callExample(modelVersionId: string, alias: string | null): Promise<CallExample | null> {
  const version = await db().modelVersion.findUnique({
    where: { id: modelVersionId },
    select: { version: true, featureSchema: true, datasets: { select: { datasetVersion: { select: { profile: true } } }, take: 1 } },
  });
  if (!version) return null;
  const profile = version.datasets[0]?.datasetVersion.profile as unknown as DatasetProfile | null;
  const byName = new Map((profile?.columns ?? []).map((c) => [c.name, c]));
  const row: CallExample["row"] = {};
  for (const f of (version.featureSchema as unknown as FeatureSchema).features) {
    const p = byName.get(f.name);
    if (f.categories) row[f.name] = p?.topValues?.[0]?.value ?? f.categories[0] ?? null;
    else row[f.name] = p?.quantiles?.p50 ?? p?.mean ?? 0;
  }
  return { version: version.version, alias, row };
}
