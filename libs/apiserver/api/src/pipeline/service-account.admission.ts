import type { KubeObject } from '@drydock/util';
import { StatusError, isPlainObject } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import { generateName } from '../rest/object-meta';
import type { AdmissionRequest, MutatingAdmissionPlugin, ValidatingAdmissionPlugin } from './admission';
import type { CachedObjects } from './namespace-lifecycle.admission';

export const defaultServiceAccountName = 'default';
/** DefaultAPITokenMountPath: where every container finds its token, CA and namespace. */
export const serviceAccountMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
const volumePrefix = 'kube-api-access-';
const mirrorPodAnnotation = 'kubernetes.io/config.mirror';
/** The default ServiceAccount is made by the controller-manager just after its namespace: upstream looks 10 times for it. */
const defaultAccountAttempts = 10;

interface Container {
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

interface PodSpec {
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: { name: string }[];
  volumes?: { name: string }[];
  initContainers?: Container[];
  containers?: Container[];
}

/** TokenVolumeSource: the projected token (3607 s), the cluster CA and the namespace. */
export function tokenVolumeSource(): Record<string, unknown> {
  return {
    defaultMode: 0o644,
    sources: [
      { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
}

const forbidden = (request: Readonly<AdmissionRequest>, why: string) => StatusError.forbidden({ group: '', resource: 'pods' }, request.object.metadata.name ?? '', why);

/**
 * Upstream's ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount): a new pod runs as
 * `default` unless it names an account, the account must exist (Forbidden otherwise), its
 * imagePullSecrets are copied, and unless automounting is turned off (pod first, then account) every
 * container mounts the projected `kube-api-access-<random>` volume read-only at
 * /var/run/secrets/kubernetes.io/serviceaccount. Mirror pods are left alone but may not name an account.
 */
export class ServiceAccountAdmission implements MutatingAdmissionPlugin, ValidatingAdmissionPlugin {
  readonly name = 'ServiceAccount';

  constructor(
    private readonly store: ObjectStore,
    private readonly cache?: CachedObjects,
    private readonly retryDelayMs = () => 100 + Math.random() * 100,
  ) {}

  async admit(request: AdmissionRequest): Promise<void> {
    if (ignored(request) || request.operation !== 'CREATE' || isMirrorPod(request.object)) return;
    const spec = (isPlainObject(request.object.spec) ? request.object.spec : {}) as PodSpec;
    spec.serviceAccountName ||= spec.serviceAccount || defaultServiceAccountName;
    spec.serviceAccount = spec.serviceAccountName;
    request.object.spec = spec as Record<string, unknown>;
    const account = await this.serviceAccount(request, spec.serviceAccountName);
    if (shouldAutomount(account, spec)) mountServiceAccountToken(spec);
    if (!spec.imagePullSecrets?.length) {
      const pullSecrets = (account.imagePullSecrets as { name: string }[] | undefined) ?? [];
      if (pullSecrets.length) spec.imagePullSecrets = pullSecrets.map((secret) => ({ name: secret.name }));
    }
  }

  async validate(request: Readonly<AdmissionRequest>): Promise<void> {
    if (ignored(request) || request.operation !== 'CREATE' || !isMirrorPod(request.object)) return;
    if ((request.object.spec as PodSpec | undefined)?.serviceAccountName) throw forbidden(request, 'a mirror pod may not reference service accounts');
  }

  /** getServiceAccount: from the watch cache, else the store; Forbidden when it does not exist (after a few looks for `default`). */
  private async serviceAccount(request: Readonly<AdmissionRequest>, name: string): Promise<KubeObject> {
    const namespace = request.object.metadata.namespace ?? '';
    const cached = this.cache?.snapshot({ cluster: request.cluster, resource: 'serviceaccounts', namespace }).items.find((account) => account.metadata.name === name);
    if (cached) return cached;
    const attempts = name === defaultServiceAccountName ? defaultAccountAttempts : 1;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs()));
      const account = await this.store.get({ cluster: request.cluster, resource: 'serviceaccounts', namespace, name });
      if (account) return account;
    }
    throw forbidden(request, `error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`);
  }
}

function ignored(request: Readonly<AdmissionRequest>): boolean {
  return request.def.group !== '' || request.def.resource !== 'pods' || !!request.subresource;
}

function isMirrorPod(pod: KubeObject): boolean {
  return pod.metadata.annotations?.[mirrorPodAnnotation] !== undefined;
}

/** The pod's preference wins, then the account's; true otherwise. */
function shouldAutomount(account: KubeObject, spec: PodSpec): boolean {
  if (typeof spec.automountServiceAccountToken === 'boolean') return spec.automountServiceAccountToken;
  if (typeof account.automountServiceAccountToken === 'boolean') return account.automountServiceAccountToken;
  return true;
}

/** mountServiceAccountToken: the volume (reused if one is there) mounted by every container without a mount at the path. */
function mountServiceAccountToken(spec: PodSpec): void {
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  const existing = volumes.find((volume) => isPlainObject(volume) && typeof volume.name === 'string' && volume.name.startsWith(volumePrefix));
  const volumeName = existing?.name ?? generateName(volumePrefix);
  let needsVolume = false;
  for (const container of [...(Array.isArray(spec.initContainers) ? spec.initContainers : []), ...(Array.isArray(spec.containers) ? spec.containers : [])]) {
    if (!isPlainObject(container)) continue;
    const mounts = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
    if (mounts.some((mount) => isPlainObject(mount) && mount.mountPath === serviceAccountMountPath)) continue;
    container.volumeMounts = [...mounts, { name: volumeName, readOnly: true, mountPath: serviceAccountMountPath }];
    needsVolume = true;
  }
  if (!existing && needsVolume) spec.volumes = [...volumes, { name: volumeName, projected: tokenVolumeSource() } as { name: string }];
}
