-- Worker hosts: each worker says what host it is on, what it serves and what it has; a job keeps the
-- host that ran its latest attempt.
-- AlterTable
ALTER TABLE "training_jobs" ADD COLUMN     "worker_host" TEXT;

-- AlterTable
ALTER TABLE "worker_heartbeats" ADD COLUMN     "busy" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cpus" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "memory_mb" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pools" TEXT[] DEFAULT ARRAY['default']::TEXT[],
ADD COLUMN     "store" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "version" TEXT NOT NULL DEFAULT '';

