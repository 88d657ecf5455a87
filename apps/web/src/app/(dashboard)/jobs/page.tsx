import { can, JobListQuerySchema } from "@roundhouse/contracts";
import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { RoleNote } from "@/components/ui/role-note";
import { requirePageUser } from "@/features/auth/server/caller";
import { JobsBrowser } from "@/features/jobs/components/jobs-browser";
import { PAGE_SIZE } from "@/features/jobs/lib/job-format";
import { listJobs } from "@/features/jobs/server/jobs";

export const metadata: Metadata = { title: "Jobs" };

type Search = Record<string, string | undefined>;

export default async function JobsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePageUser();
  const canSubmit = can(user.role, "jobs:submit");
  const search = await searchParams;
  const page = Math.max(1, Number(search.page ?? 1) || 1);
  // Unknown filter values fall back to none rather than failing the page.
  const parsed = JobListQuerySchema.safeParse({ ...search, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const query = parsed.success ? parsed.data : JobListQuerySchema.parse({ limit: PAGE_SIZE });
  const initial = await listJobs(query);
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Training jobs and sweeps, newest first. Tick finished ones to compare their runs."
        actions={
          canSubmit ? (
            <ButtonLink href="/training/new">
              <Plus aria-hidden className="size-4" /> New training job
            </ButtonLink>
          ) : (
            <RoleNote role={user.role}>reads jobs; engineers and admins submit them.</RoleNote>
          )
        }
      />
      <JobsBrowser
        initial={JSON.parse(JSON.stringify(initial))}
        initialSearch={new URLSearchParams(search as Record<string, string>).toString()}
        canSubmit={canSubmit}
      />
    </>
  );
}
