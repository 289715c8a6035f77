-- Sandbox cluster snapshots (issue #10): the objects of a drydock.dev/v1 ClusterSnapshot, copied from its
-- cluster at one revision, and a cluster's restore to them in one transaction.

-- CreateTable
CREATE TABLE "cluster_snapshot_objects" (
    "snapshot_uid" TEXT NOT NULL,
    "resource" TEXT COLLATE "C" NOT NULL,
    "namespace" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "object" JSONB NOT NULL,

    CONSTRAINT "cluster_snapshot_objects_pkey" PRIMARY KEY ("snapshot_uid","resource","namespace","name")
);

-- Replaces every object of logical cluster `target` with the objects of the snapshot `source_uid`, as
-- etcdutl's restore with --bump-revision does: under the counter's lock, each current object is removed
-- (a DELETED change), then each snapshot object is written with its own uid (an ADDED change), every
-- change at the next revision, as a write batch would be; one notification. Returns the revision after
-- the last change.
CREATE FUNCTION drydock_restore_cluster(target TEXT, source_uid TEXT) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
  first_revision BIGINT;
  next_revision BIGINT;
  removed BIGINT;
  added BIGINT;
BEGIN
  SELECT c.revision INTO first_revision FROM revision_counter c WHERE c.id FOR UPDATE;
  WITH gone AS (
    DELETE FROM objects o WHERE o.cluster = target RETURNING o.resource, o.namespace, o.name, o.uid, o.object
  ), numbered AS (
    SELECT g.*, first_revision + row_number() OVER (ORDER BY g.resource, g.namespace, g.name) AS rev FROM gone g
  )
  INSERT INTO changes (revision, cluster, resource, namespace, name, type, object)
  SELECT n.rev, target, n.resource, n.namespace, n.name, 'DELETED', drydock_stamp(n.object, n.uid, n.rev) FROM numbered n;
  GET DIAGNOSTICS removed = ROW_COUNT;
  next_revision := first_revision + removed;
  WITH numbered AS (
    SELECT s.resource, s.namespace, s.name, s.object,
           coalesce(s.object->'metadata'->>'uid', gen_random_uuid()::text) AS uid,
           next_revision + row_number() OVER (ORDER BY s.resource, s.namespace, s.name) AS rev
    FROM cluster_snapshot_objects s WHERE s.snapshot_uid = source_uid
  ), put AS (
    INSERT INTO objects (cluster, resource, namespace, name, uid, revision, created_revision, object)
    SELECT target, n.resource, n.namespace, n.name, n.uid, n.rev, n.rev, drydock_stamp(n.object, n.uid, n.rev) FROM numbered n
    RETURNING resource, namespace, name, revision, object
  )
  INSERT INTO changes (revision, cluster, resource, namespace, name, type, object)
  SELECT p.revision, target, p.resource, p.namespace, p.name, 'ADDED', p.object FROM put p;
  GET DIAGNOSTICS added = ROW_COUNT;
  next_revision := next_revision + added;
  IF next_revision > first_revision THEN
    UPDATE revision_counter c SET revision = next_revision WHERE c.id;
    PERFORM pg_notify('drydock_changes', next_revision::text);
  END IF;
  RETURN next_revision;
END $$;
