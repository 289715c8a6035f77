import { gunzipSync, gzipSync, constants } from 'node:zlib';
import type { KubeObject } from '@drydock/util';

/**
 * Helm's release record (helm.sh/helm/v4 pkg/release/v1 Release and Info), as its JSON. Only the fields
 * Drydock reads are typed; a release read and written again keeps every other field as helm wrote it.
 */
export interface HelmReleaseRecord {
  name: string;
  info?: { first_deployed?: string; last_deployed?: string; deleted?: string; description?: string; status?: string; rollback_revision?: number; notes?: string; [field: string]: unknown };
  chart?: { metadata?: { name?: string; version?: string; appVersion?: string; [field: string]: unknown }; [field: string]: unknown };
  config?: Record<string, unknown>;
  manifest?: string;
  hooks?: unknown[];
  version: number;
  namespace?: string;
  apply_method?: string;
  [field: string]: unknown;
}

/** A release with the labels of its storage Secret that are not helm's own (Release.Labels, `json:"-"`). */
export interface StoredRelease {
  release: HelmReleaseRecord;
  labels: Record<string, string>;
}

export const HELM_SECRET_TYPE = 'helm.sh/release.v1';
/** pkg/storage/driver/util.go systemLabels: written by the driver, never part of Release.Labels. */
const SYSTEM_LABELS = ['name', 'owner', 'status', 'version', 'createdAt', 'modifiedAt'];
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/** `sh.helm.release.v1.NAME.vN`: the Secret of one revision (pkg/storage/storage.go makeKey with the secrets driver's prefix). */
export const releaseSecretName = (name: string, version: number) => `sh.helm.release.v1.${name}.v${version}`;

/** driver/util.go decodeRelease: base64, gunzip when the gzip magic leads (older releases were not compressed), JSON. */
export function decodeRelease(encoded: string): HelmReleaseRecord {
  let bytes = Buffer.from(encoded, 'base64');
  if (bytes.length > 3 && GZIP_MAGIC.every((byte, index) => bytes[index] === byte)) bytes = gunzipSync(bytes);
  return JSON.parse(bytes.toString('utf8')) as HelmReleaseRecord;
}

/** driver/util.go encodeRelease: JSON, gzip at BestCompression, base64. */
export function encodeRelease(release: HelmReleaseRecord): string {
  return gzipSync(Buffer.from(JSON.stringify(release), 'utf8'), { level: constants.Z_BEST_COMPRESSION }).toString('base64');
}

/** The release stored in one of helm's Secrets (its `data.release` is the base64 of the encoded release), or undefined for another Secret. */
export function releaseOfSecret(secret: KubeObject): StoredRelease | undefined {
  const data = (secret as { data?: Record<string, string>; type?: string }).data;
  if ((secret as { type?: string }).type !== HELM_SECRET_TYPE || !data?.release) return undefined;
  const release = decodeRelease(Buffer.from(data.release, 'base64').toString('utf8'));
  const labels = Object.fromEntries(Object.entries(secret.metadata.labels ?? {}).filter(([key]) => !SYSTEM_LABELS.includes(key)));
  return { release, labels };
}

/**
 * driver/secrets.go newSecretsObject: the Secret of a release revision, labelled with the release's own
 * labels, then `extra` (createdAt on Create, modifiedAt on Update), then name, owner, status and version.
 */
export function secretOfRelease(stored: StoredRelease, extra: Record<string, string>): KubeObject & { type: string; data: Record<string, string> } {
  const { release } = stored;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: releaseSecretName(release.name, release.version),
      namespace: release.namespace,
      labels: { ...stored.labels, ...extra, name: release.name, owner: 'helm', status: release.info?.status ?? '', version: String(release.version) },
    },
    type: HELM_SECRET_TYPE,
    data: { release: Buffer.from(encodeRelease(release), 'utf8').toString('base64') },
  };
}
