import { parseQuantity } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import type { ContainerSpec } from '../runtime/container-program';

/**
 * A container's environment and mounted files as the kubelet builds them (makeEnvironmentVariables,
 * the configMap/secret volume plugins), with upstream's error messages for missing objects and keys.
 * Pure: objects come from `ObjectLookup` (informer caches in the node simulator).
 */

export interface ObjectLookup {
  configMap(namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
  /** A TokenRequest-issued token for the pod's ServiceAccount, bound to the pod (projected serviceAccountToken volumes). */
  serviceAccountToken?(pod: KubeObject, projection: TokenProjection): Promise<string>;
}

/** A projected volume's serviceAccountToken source. */
export interface TokenProjection {
  path: string;
  audience?: string;
  expirationSeconds?: number;
}

interface KeyRef { name?: string; key: string; optional?: boolean }
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef; fieldRef?: { fieldPath: string }; resourceFieldRef?: ResourceFieldRef };
}
interface EnvFromSource { prefix?: string; configMapRef?: { name?: string; optional?: boolean }; secretRef?: { name?: string; optional?: boolean } }

/** A downward API resource selector (`resourceFieldRef`); containerName is for volumes. */
export interface ResourceFieldRef { containerName?: string; resource: string; divisor?: string | number }

/**
 * Upstream's ExtractContainerResourceValue after the kubelet's defaultPodLimitsForDownwardAPI: a limit the
 * container does not set is the node's allocatable; cpu is rounded up in divisor units (millicores
 * compared), memory and ephemeral storage in whole divisors (default divisor 1). Unknown resources: ''.
 */
export function resourceFieldValue(container: ContainerSpec | undefined, ref: ResourceFieldRef, nodeAllocatable: Record<string, string> = {}): string {
  const [kind, name] = ref.resource.split('.', 2) as ['limits' | 'requests', string];
  if ((kind !== 'limits' && kind !== 'requests') || !name) return '';
  const resources = (container?.resources ?? {}) as { limits?: Record<string, string | number>; requests?: Record<string, string | number> };
  const value = kind === 'limits' ? resources.limits?.[name] ?? nodeAllocatable[name] : resources.requests?.[name];
  const divisor = ref.divisor === undefined || parseQuantity(ref.divisor).isZero() ? parseQuantity('1') : parseQuantity(ref.divisor);
  const quantity = parseQuantity(value ?? '0');
  const amount = name === 'cpu' ? quantity.milliValue() / divisor.milliValue() : quantity.value() / divisor.value();
  return String(Math.ceil(amount));
}

export const KUBERNETES_SERVICE_ENV: Record<string, string> = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
};

class EnvError extends Error {}

/** The data of a ConfigMap or Secret as strings (Secret values base64-decoded). */
export function objectData(object: KubeObject, secret: boolean): Record<string, string> {
  const data = (object.data ?? {}) as Record<string, string>;
  const decoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) decoded[key] = secret ? Buffer.from(value, 'base64').toString('utf8') : value;
  if (!secret) Object.assign(decoded, Object.fromEntries(Object.entries((object.binaryData ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])));
  if (secret) Object.assign(decoded, (object.stringData ?? {}) as Record<string, string>);
  return decoded;
}

function fetchObject(lookup: ObjectLookup, secret: boolean, namespace: string, name: string, optional?: boolean): Record<string, string> | undefined {
  const object = secret ? lookup.secret(namespace, name) : lookup.configMap(namespace, name);
  if (object) return objectData(object, secret);
  if (optional) return undefined;
  throw new EnvError(`${secret ? 'secret' : 'configmap'} "${name}" not found`);
}

function keyValue(lookup: ObjectLookup, secret: boolean, namespace: string, ref: KeyRef): string | undefined {
  const data = fetchObject(lookup, secret, namespace, ref.name ?? '', ref.optional);
  if (!data) return undefined;
  if (ref.key in data) return data[ref.key];
  if (ref.optional) return undefined;
  throw new EnvError(`couldn't find key ${ref.key} in ${secret ? 'Secret' : 'ConfigMap'} ${namespace}/${ref.name}`);
}

/** Upstream's downward API fields for env (metadata.name, status.podIP, metadata.labels['x']…). */
export function fieldValue(pod: KubeObject, fieldPath: string, podIP: string, hostIP: string): string {
  const labelOrAnnotation = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (labelOrAnnotation) return (pod.metadata[labelOrAnnotation[1]] as Record<string, string> | undefined)?.[labelOrAnnotation[2]] ?? '';
  const spec = (pod.spec ?? {}) as Record<string, string>;
  const values: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': spec.nodeName,
    'spec.serviceAccountName': spec.serviceAccountName ?? 'default',
    'status.podIP': podIP,
    'status.podIPs': podIP,
    'status.hostIP': hostIP,
    'status.hostIPs': hostIP,
  };
  return values[fieldPath] ?? '';
}

/** Expands `$(VAR)` references to earlier variables, as the kubelet does; `$$(VAR)` escapes. */
function expandReferences(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name?: string) => (match === '$$' ? '$' : name !== undefined && name in env ? env[name] : match));
}

export interface ResolvedEnvironment {
  env: Record<string, string>;
  /** `configmap "x" not found` and the like: the container cannot be created. */
  error?: string;
}

/** The container's process environment: PATH/HOSTNAME/HOME, envFrom, env, then the service variables. */
export function resolveContainerEnvironment(pod: KubeObject, container: ContainerSpec, lookup: ObjectLookup, podIP = '', hostIP = '', nodeAllocatable: Record<string, string> = {}): ResolvedEnvironment {
  const namespace = pod.metadata.namespace ?? 'default';
  // The runtime sets HOSTNAME to the sandbox's hostname: spec.hostname when given, else the pod's name.
  const hostname = (pod.spec as { hostname?: string } | undefined)?.hostname ?? pod.metadata.name ?? '';
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: hostname };
  try {
    for (const source of (container.envFrom ?? []) as EnvFromSource[]) {
      const secret = !!source.secretRef;
      const ref = source.secretRef ?? source.configMapRef;
      const data = fetchObject(lookup, secret, namespace, ref?.name ?? '', ref?.optional) ?? {};
      for (const [key, value] of Object.entries(data)) env[`${source.prefix ?? ''}${key}`] = value;
    }
    for (const variable of (container.env ?? []) as EnvVar[]) {
      const value = variableValue(variable, pod, container, namespace, lookup, env, { podIP, hostIP, nodeAllocatable });
      if (value !== undefined) env[variable.name] = value;
    }
  } catch (error) {
    if (error instanceof EnvError) return { env, error: error.message };
    throw error;
  }
  return { env: { ...env, ...KUBERNETES_SERVICE_ENV, HOME: env.HOME ?? '/root' }, error: undefined };
}

function variableValue(variable: EnvVar, pod: KubeObject, container: ContainerSpec, namespace: string, lookup: ObjectLookup, env: Record<string, string>, node: { podIP: string; hostIP: string; nodeAllocatable: Record<string, string> }): string | undefined {
  const from = variable.valueFrom;
  if (!from) return expandReferences(variable.value ?? '', env);
  if (from.configMapKeyRef) return keyValue(lookup, false, namespace, from.configMapKeyRef);
  if (from.secretKeyRef) return keyValue(lookup, true, namespace, from.secretKeyRef);
  if (from.fieldRef) return fieldValue(pod, from.fieldRef.fieldPath, node.podIP, node.hostIP);
  if (from.resourceFieldRef) return resourceFieldValue(container, from.resourceFieldRef, node.nodeAllocatable);
  return undefined;
}

interface Volume { name: string; configMap?: { name?: string; optional?: boolean; items?: Array<{ key: string; path: string }> }; secret?: { secretName?: string; optional?: boolean; items?: Array<{ key: string; path: string }> } }

/** The FailedMount message for the first configMap/secret volume whose object is missing. */
export function volumeMountError(pod: KubeObject, lookup: ObjectLookup): string | undefined {
  const namespace = pod.metadata.namespace ?? 'default';
  for (const volume of ((pod.spec as { volumes?: Volume[] } | undefined)?.volumes ?? [])) {
    const source = volume.configMap ? { secret: false, name: volume.configMap.name ?? '', optional: volume.configMap.optional } : volume.secret ? { secret: true, name: volume.secret.secretName ?? '', optional: volume.secret.optional } : undefined;
    if (!source || source.optional) continue;
    const object = source.secret ? lookup.secret(namespace, source.name) : lookup.configMap(namespace, source.name);
    if (!object) return `MountVolume.SetUp failed for volume "${volume.name}" : ${source.secret ? 'secret' : 'configmap'} "${source.name}" not found`;
  }
  return undefined;
}
