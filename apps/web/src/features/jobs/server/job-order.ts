import "server-only";
// One page of job ids in the order the jobs table asked for. Sorting by a run's metric or by
// duration is not something Prisma's orderBy can say, so the page of ids comes from SQL (with the
// same filters as the count) and the rows are loaded by id after.
import { ACTIVE_STATUSES, HEADLINE_METRIC, type JobListQuery, lowerIsBetter } from "@roundhouse/contracts";
import { db, Prisma } from "@roundhouse/db";

// A job's headline metric turned so that larger is better, whatever the task: "-metric" is best first.
const HEADLINE_SCORE = Prisma.raw(
  `CASE r.task ${Object.entries(HEADLINE_METRIC)
    .map(([task, m]) => `WHEN '${task}' THEN ${lowerIsBetter(m) ? "-" : ""}(r.metrics->>'${m}')::float8`)
    .join(" ")} END`,
);

const COLUMNS: Record<string, Prisma.Sql> = {
  submitted: Prisma.sql`j.created_at`,
  name: Prisma.sql`lower(j.name)`,
  status: Prisma.sql`j.status::text`,
  duration: Prisma.sql`(coalesce(j.finished_at, now()) - j.started_at)`,
  metric: HEADLINE_SCORE,
};

export function jobFilters(q: JobListQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (q.status === "active") parts.push(Prisma.sql`j.status::text IN (${Prisma.join([...ACTIVE_STATUSES])})`);
  else if (q.status) parts.push(Prisma.sql`j.status::text = ${q.status}`);
  parts.push(q.kind === "top" ? Prisma.sql`j.kind::text IN ('train', 'sweep', 'score')` : Prisma.sql`j.kind::text = ${q.kind}`);
  if (q.q) parts.push(Prisma.sql`j.name ILIKE ${`%${q.q.replace(/[\\%_]/g, "\\$&")}%`}`);
  if (q.tag)
    parts.push(
      Prisma.sql`(j.spec->'metadata'->'tags' @> jsonb_build_array(${q.tag}::text) OR EXISTS (SELECT 1 FROM runs t WHERE t.job_id = j.id AND ${q.tag} = ANY(t.tags)))`,
    );
  if (q.algorithm) parts.push(Prisma.sql`j.spec->'train'->>'algorithm' = ${q.algorithm}`);
  if (q.project) parts.push(Prisma.sql`j.project = ${q.project}`);
  if (q.owner) parts.push(Prisma.sql`j.owner_id = (SELECT id FROM users WHERE email = ${q.owner})`);
  if (q.datasetVersionId)
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM training_job_datasets d WHERE d.job_id = j.id AND d.dataset_version_id = ${q.datasetVersionId}::uuid)`,
    );
  return Prisma.join(parts, " AND ");
}

export async function orderedJobIds(q: JobListQuery): Promise<string[]> {
  const descending = q.sort.startsWith("-");
  const column = COLUMNS[q.sort.replace(/^-/, "")] ?? COLUMNS.submitted;
  const direction = Prisma.raw(descending ? "DESC NULLS LAST" : "ASC NULLS LAST");
  // The latest run only when the order needs it: the plain list stays a scan of one table.
  const needsRun = q.sort.endsWith("metric");
  const rows = await db().$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT j.id::text AS id FROM training_jobs j
      ${needsRun ? Prisma.sql`LEFT JOIN LATERAL (SELECT task, metrics FROM runs WHERE runs.job_id = j.id ORDER BY created_at DESC LIMIT 1) r ON true` : Prisma.empty}
      WHERE ${jobFilters(q)}
      ORDER BY ${column} ${direction}, j.created_at DESC, j.id
      LIMIT ${q.limit} OFFSET ${q.offset}`,
  );
  return rows.map((r) => r.id);
}

export async function countJobs(q: JobListQuery): Promise<number> {
  const [row] = await db().$queryRaw<{ n: bigint }[]>(Prisma.sql`SELECT count(*) AS n FROM training_jobs j WHERE ${jobFilters(q)}`);
  return Number(row?.n ?? 0);
}
