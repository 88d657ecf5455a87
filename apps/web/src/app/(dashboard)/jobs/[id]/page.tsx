import { can, IdParamSchema } from "@roundhouse/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/features/auth/server/caller";
import { JobView } from "@/features/jobs/components/job-view";
import { getJob } from "@/features/jobs/server/jobs";
import { orNotFound } from "@/server/or-not-found";

export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!IdParamSchema.safeParse({ id }).success) notFound();
  const job = await orNotFound(getJob(id));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/jobs" className="text-muted hover:underline">
          ← Jobs
        </Link>
      </p>
      <PageHeader title={job.name} description={job.spec.metadata.description || `Job ${job.id}`} />
      <JobView
        initial={JSON.parse(JSON.stringify(job))}
        role={user.role}
        canSubmit={can(user.role, "jobs:submit")}
        canControl={can(user.role, "jobs:submit") && (job.owner === user.email || user.role === "admin")}
      />
    </>
  );
}
