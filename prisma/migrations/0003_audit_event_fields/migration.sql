-- The audit log served as drydock.dev/v1 AuditEvent (issue #9): upstream's auditID, the time the
-- request arrived, the impersonated user beside the requester, the source IPs, the logical cluster,
-- and an index for listing one namespace's events newest first.

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "audit_id" UUID NOT NULL DEFAULT gen_random_uuid(),
ADD COLUMN     "cluster" TEXT NOT NULL DEFAULT 'default',
ADD COLUMN     "impersonated_groups" TEXT[],
ADD COLUMN     "impersonated_user_name" TEXT,
ADD COLUMN     "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "source_ips" TEXT[];

-- CreateIndex
CREATE INDEX "audit_events_cluster_namespace_id_idx" ON "audit_events"("cluster", "namespace", "id");
