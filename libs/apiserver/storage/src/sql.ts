/**
 * Every SQL statement the storage library sends, in one place (DESIGN.md "Storage": the hot path is
 * raw SQL through the pg pool, named and covered by the contract suite). The tables and the
 * drydock_write() group-commit function are defined in prisma/migrations.
 */

/** The LISTEN/NOTIFY channel drydock_write() notifies with the new revision after each batch. */
export const CHANGES_CHANNEL = 'drydock_changes';

/** Key of the advisory lock held while migrating; the same key `prisma migrate` uses. */
export const MIGRATION_LOCK_KEY = 72707369;

export const sql = {
  /** $1: jsonb array of write ops. One row per op, in op order. */
  write: `SELECT op_index, op_status, op_revision, op_object FROM drydock_write($1::jsonb)`,

  get: `SELECT object FROM objects WHERE cluster = $1 AND resource = $2 AND namespace = $3 AND name = $4`,

  /**
   * One page of a collection and the revision it was read at, in one statement (one snapshot).
   * $1 cluster, $2 resource, $3 after-namespace, $4 after-name, $5 row limit. Always returns at
   * least one row (object NULL when the page is empty) so the revision is never lost.
   */
  listAll: `SELECT c.revision, page.namespace, page.name, page.object FROM revision_counter c LEFT JOIN LATERAL (
      SELECT namespace, name, object FROM objects
      WHERE cluster = $1 AND resource = $2 AND (namespace, name) > ($3, $4)
      ORDER BY namespace, name LIMIT $5) page ON true
    WHERE c.id`,

  /** As listAll, within one namespace: $3 namespace, $4 after-name, $5 row limit. */
  listNamespace: `SELECT c.revision, page.namespace, page.name, page.object FROM revision_counter c LEFT JOIN LATERAL (
      SELECT namespace, name, object FROM objects
      WHERE cluster = $1 AND resource = $2 AND namespace = $3 AND name > $4
      ORDER BY name LIMIT $5) page ON true
    WHERE c.id`,

  currentRevision: `SELECT revision FROM revision_counter WHERE id`,

  /** The current revision, locking the counter row until the transaction ends: no other write commits meanwhile. */
  lockRevision: `SELECT revision FROM revision_counter WHERE id FOR UPDATE`,

  /**
   * The compacted revision (every change after it is kept) and up to $2 changes after $1, in one
   * snapshot. The change log is gap-free, so the compacted revision is its first revision - 1, or
   * the current revision when the log is empty.
   */
  changesSince: `WITH floor AS (
      SELECT coalesce((SELECT min(revision) FROM changes) - 1,
                      (SELECT revision FROM revision_counter WHERE id)) AS compacted)
    SELECT floor.compacted, ch.revision, ch.type, ch.cluster, ch.resource, ch.namespace, ch.name, ch.object
    FROM floor LEFT JOIN LATERAL (
      SELECT * FROM changes WHERE revision > $1 ORDER BY revision LIMIT $2) ch ON true
    ORDER BY ch.revision`,

  compactedRevision: `SELECT coalesce((SELECT min(revision) FROM changes) - 1,
                             (SELECT revision FROM revision_counter WHERE id)) AS compacted`,

  /** The keys of every object of logical cluster $1 (to empty it). */
  clusterKeys: `SELECT resource, namespace, name FROM objects WHERE cluster = $1`,

  /** Drops the change-log rows of logical cluster $1 up to revision $2 (a deleted or reset cluster). */
  purgeClusterChanges: `DELETE FROM changes WHERE cluster = $1 AND revision <= $2`,

  /**
   * Copies every object of logical cluster $1 into the snapshot $2 (a ClusterSnapshot's uid) and returns the
   * revision they were read at and how many: one statement, so one MVCC snapshot, in which the counter and
   * the objects agree (writers change both in one transaction). Taking it again overwrites the same rows.
   */
  snapshotCluster: `WITH taken AS (
      INSERT INTO cluster_snapshot_objects (snapshot_uid, resource, namespace, name, object)
      SELECT $2, resource, namespace, name, object FROM objects WHERE cluster = $1
      ON CONFLICT (snapshot_uid, resource, namespace, name) DO UPDATE SET object = EXCLUDED.object
      RETURNING 1)
    SELECT (SELECT revision FROM revision_counter WHERE id) AS revision, (SELECT count(*) FROM taken) AS objects`,

  /** Replaces the objects of cluster $1 with those of snapshot $2 (0004's drydock_restore_cluster); returns the revision after. */
  restoreCluster: `SELECT drydock_restore_cluster($1, $2) AS revision`,

  /** Drops the rows of snapshot $1. */
  dropSnapshot: `DELETE FROM cluster_snapshot_objects WHERE snapshot_uid = $1`,

  /**
   * Drops the rows of every snapshot whose ClusterSnapshot object (resource $1, in the default cluster) is gone:
   * deleted while no API server ran. Decided against the objects table itself, so a snapshot another API server
   * is taking (its object committed before its rows) is never dropped.
   */
  dropOrphanSnapshots: `DELETE FROM cluster_snapshot_objects s WHERE NOT EXISTS (
      SELECT 1 FROM objects o WHERE o.cluster = 'default' AND o.resource = $1 AND o.uid = s.snapshot_uid)`,

  /** Drops change-log rows with revision < $1. */
  compact: `DELETE FROM changes WHERE revision < $1`,

  /** The watch hub's starting state; run both in one REPEATABLE READ transaction. */
  snapshotRevision: `SELECT revision FROM revision_counter WHERE id`,
  snapshotObjects: `SELECT cluster, resource, namespace, name, object FROM objects`,

  listen: `LISTEN ${CHANGES_CHANNEL}`,

  migrations: {
    lock: `SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`,
    unlock: `SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`,
    /** Prisma's own definition of its bookkeeping table. */
    createTable: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum"              VARCHAR(64) NOT NULL,
      "finished_at"           TIMESTAMPTZ,
      "migration_name"        VARCHAR(255) NOT NULL,
      "logs"                  TEXT,
      "rolled_back_at"        TIMESTAMPTZ,
      "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count"   INTEGER NOT NULL DEFAULT 0)`,
    applied: `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"
      WHERE rolled_back_at IS NULL ORDER BY started_at`,
    start: `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
      VALUES ($1, $2, $3, now(), 0)`,
    finish: `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
  },

  database: {
    exists: `SELECT 1 FROM pg_database WHERE datname = $1`,
    /** Identifiers cannot be parameters; callers pass names through pg's escapeIdentifier. */
    create: (quotedName: string) => `CREATE DATABASE ${quotedName}`,
    drop: (quotedName: string) => `DROP DATABASE IF EXISTS ${quotedName} WITH (FORCE)`,
  },
} as const;
