-- Drydock object store (DESIGN.md "Storage").
-- Revisions are cluster-wide, strictly increasing, gap-free and in commit order: every writer locks
-- the one row of revision_counter first, so commits are ordered by that lock and a revision is
-- drawn only by a write that commits (no sequence; see kine / k3s #8708).

-- CreateEnum
CREATE TYPE "change_type" AS ENUM ('ADDED', 'MODIFIED', 'DELETED');

-- CreateTable
CREATE TABLE "objects" (
    "cluster" TEXT COLLATE "C" NOT NULL,
    "resource" TEXT COLLATE "C" NOT NULL,
    "namespace" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "uid" TEXT NOT NULL,
    "revision" BIGINT NOT NULL,
    "created_revision" BIGINT NOT NULL,
    "object" JSONB NOT NULL,

    CONSTRAINT "objects_pkey" PRIMARY KEY ("cluster","resource","namespace","name")
);

-- CreateTable
CREATE TABLE "changes" (
    "revision" BIGINT NOT NULL,
    "cluster" TEXT COLLATE "C" NOT NULL,
    "resource" TEXT COLLATE "C" NOT NULL,
    "namespace" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "type" "change_type" NOT NULL,
    "object" JSONB NOT NULL,

    CONSTRAINT "changes_pkey" PRIMARY KEY ("revision")
);

-- CreateTable
CREATE TABLE "revision_counter" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "revision" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "revision_counter_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "revision_counter_one_row" CHECK ("id")
);

INSERT INTO "revision_counter" ("id", "revision") VALUES (true, 0);

-- The stored form of an object: metadata.uid and metadata.resourceVersion set by the database, so
-- the row, the change log and the object returned to the writer always agree.
CREATE FUNCTION drydock_stamp(object JSONB, uid TEXT, revision BIGINT) RETURNS JSONB
LANGUAGE sql IMMUTABLE AS $$
  SELECT object || jsonb_build_object('metadata',
    coalesce(object->'metadata', '{}'::jsonb) || jsonb_build_object('uid', uid, 'resourceVersion', revision::text))
$$;

-- One create at revision `rev`. status: 'ok' | 'AlreadyExists'. Uses metadata.uid when given.
CREATE FUNCTION drydock_apply_create(op JSONB, rev BIGINT, OUT status TEXT, OUT stored JSONB)
LANGUAGE plpgsql AS $$
DECLARE
  new_uid TEXT := coalesce(op->'object'->'metadata'->>'uid', gen_random_uuid()::text);
BEGIN
  stored := drydock_stamp(op->'object', new_uid, rev);
  INSERT INTO objects AS o (cluster, resource, namespace, name, uid, revision, created_revision, object)
  VALUES (op->>'cluster', op->>'resource', op->>'namespace', op->>'name', new_uid, rev, rev, stored)
  ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    status := 'AlreadyExists'; stored := NULL; RETURN;
  END IF;
  INSERT INTO changes (revision, cluster, resource, namespace, name, type, object)
  VALUES (rev, op->>'cluster', op->>'resource', op->>'namespace', op->>'name', 'ADDED', stored);
  status := 'ok';
END $$;

-- Checks an update/delete's preconditions against the stored row. Returns NULL when they hold.
-- expectedRevision and expectedUid are optional; an object's own metadata.uid, when present, must
-- also match (the uid of a stored object never changes).
CREATE FUNCTION drydock_precondition(op JSONB, cur_uid TEXT, cur_revision BIGINT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN op ? 'expectedRevision' AND (op->>'expectedRevision')::bigint <> cur_revision THEN 'Conflict'
    WHEN op ? 'expectedUid' AND op->>'expectedUid' <> cur_uid THEN 'Conflict'
    WHEN op->'object'->'metadata' ? 'uid' AND op->'object'->'metadata'->>'uid' <> cur_uid THEN 'Conflict'
    ELSE NULL
  END
$$;

-- One update at revision `rev`. status: 'ok' | 'NotFound' | 'Conflict'.
CREATE FUNCTION drydock_apply_update(op JSONB, rev BIGINT, OUT status TEXT, OUT stored JSONB)
LANGUAGE plpgsql AS $$
DECLARE
  cur objects%ROWTYPE;
BEGIN
  SELECT * INTO cur FROM objects o
  WHERE o.cluster = op->>'cluster' AND o.resource = op->>'resource'
    AND o.namespace = op->>'namespace' AND o.name = op->>'name';
  IF NOT FOUND THEN status := 'NotFound'; RETURN; END IF;
  status := drydock_precondition(op, cur.uid, cur.revision);
  IF status IS NOT NULL THEN RETURN; END IF;
  stored := drydock_stamp(op->'object', cur.uid, rev);
  UPDATE objects o SET revision = rev, object = stored
  WHERE o.cluster = cur.cluster AND o.resource = cur.resource AND o.namespace = cur.namespace AND o.name = cur.name;
  INSERT INTO changes (revision, cluster, resource, namespace, name, type, object)
  VALUES (rev, cur.cluster, cur.resource, cur.namespace, cur.name, 'MODIFIED', stored);
  status := 'ok';
END $$;

-- One delete at revision `rev`; `stored` is the object's last state stamped with `rev`.
-- status: 'ok' | 'NotFound' | 'Conflict'.
CREATE FUNCTION drydock_apply_delete(op JSONB, rev BIGINT, OUT status TEXT, OUT stored JSONB)
LANGUAGE plpgsql AS $$
DECLARE
  cur objects%ROWTYPE;
BEGIN
  DELETE FROM objects o
  WHERE o.cluster = op->>'cluster' AND o.resource = op->>'resource'
    AND o.namespace = op->>'namespace' AND o.name = op->>'name'
    AND drydock_precondition(op, o.uid, o.revision) IS NULL
  RETURNING * INTO cur;
  IF NOT FOUND THEN
    PERFORM 1 FROM objects o
    WHERE o.cluster = op->>'cluster' AND o.resource = op->>'resource'
      AND o.namespace = op->>'namespace' AND o.name = op->>'name';
    status := CASE WHEN FOUND THEN 'Conflict' ELSE 'NotFound' END;
    RETURN;
  END IF;
  stored := drydock_stamp(cur.object, cur.uid, rev);
  INSERT INTO changes (revision, cluster, resource, namespace, name, type, object)
  VALUES (rev, cur.cluster, cur.resource, cur.namespace, cur.name, 'DELETED', stored);
  status := 'ok';
END $$;

-- Group commit: applies a batch of writes in one transaction and one round trip.
-- ops: [{type: 'create'|'update'|'delete', cluster, resource, namespace, name, object?,
--        expectedRevision?, expectedUid?}, ...], applied in order.
-- Locks the counter row once; each op is checked on its own, a failed op consumes no revision and
-- does not fail the others. Returns one row per op, in order: status ('ok' or the StoreError code),
-- the op's revision (ok only) and the stored object (ok only). Notifies 'drydock_changes' once
-- with the new revision when anything was written.
CREATE FUNCTION drydock_write(ops JSONB)
RETURNS TABLE (op_index INT, op_status TEXT, op_revision BIGINT, op_object JSONB)
LANGUAGE plpgsql AS $$
DECLARE
  first_revision BIGINT;
  next_revision BIGINT;
  op JSONB;
  op_position INT := 0;
  result RECORD;
BEGIN
  SELECT c.revision INTO first_revision FROM revision_counter c WHERE c.id FOR UPDATE;
  next_revision := first_revision;
  FOR op IN SELECT value FROM jsonb_array_elements(ops) LOOP
    CASE op->>'type'
      WHEN 'create' THEN SELECT * INTO result FROM drydock_apply_create(op, next_revision + 1);
      WHEN 'update' THEN SELECT * INTO result FROM drydock_apply_update(op, next_revision + 1);
      WHEN 'delete' THEN SELECT * INTO result FROM drydock_apply_delete(op, next_revision + 1);
      ELSE RAISE EXCEPTION 'drydock_write: unknown op type %', op->>'type';
    END CASE;
    IF result.status = 'ok' THEN
      next_revision := next_revision + 1;
      RETURN QUERY SELECT op_position, result.status, next_revision, result.stored;
    ELSE
      RETURN QUERY SELECT op_position, result.status, NULL::BIGINT, NULL::JSONB;
    END IF;
    op_position := op_position + 1;
  END LOOP;
  IF next_revision > first_revision THEN
    UPDATE revision_counter c SET revision = next_revision WHERE c.id;
    PERFORM pg_notify('drydock_changes', next_revision::text);
  END IF;
END $$;
