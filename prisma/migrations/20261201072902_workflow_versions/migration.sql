-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "workflow_version_id" UUID;

-- CreateTable
CREATE TABLE "workflow_versions" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "description" JSONB NOT NULL,
    "registered_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workflow_versions_name_version_key" ON "workflow_versions"("name", "version");

-- CreateIndex
CREATE UNIQUE INDEX "workflow_versions_name_sha256_key" ON "workflow_versions"("name", "sha256");

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_workflow_version_id_fkey" FOREIGN KEY ("workflow_version_id") REFERENCES "workflow_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_registered_by_id_fkey" FOREIGN KEY ("registered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

