import { isPlainObject } from '@drydock/util';
import { canonicalizeResourceList } from '@drydock/kube';

type Json = Record<string, unknown>;

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

function setIfAbsent(target: Json, key: string, value: unknown): void {
  if (target[key] === undefined || target[key] === null || target[key] === '') target[key] = value;
}

/** The tag of an image reference as parsers.ParseImageName sees it: 'latest' when there is neither tag nor digest. */
export function imageTag(image: string): string {
  const [name, digest] = image.split('@');
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > lastSlash) return name.slice(colon + 1);
  return digest ? '' : 'latest';
}

/** SetDefaults_Probe and its handlers. */
function defaultProbe(probe: unknown): void {
  if (!isPlainObject(probe)) return;
  setIfAbsent(probe, 'timeoutSeconds', 1);
  setIfAbsent(probe, 'periodSeconds', 10);
  setIfAbsent(probe, 'successThreshold', 1);
  setIfAbsent(probe, 'failureThreshold', 3);
  if (isPlainObject(probe.httpGet)) {
    setIfAbsent(probe.httpGet, 'path', '/');
    setIfAbsent(probe.httpGet, 'scheme', 'HTTP');
  }
}

/** SetDefaults_Container plus the nested types (ports, env, probes, lifecycle handlers). */
export function defaultContainer(container: Json): void {
  if (!container.imagePullPolicy) {
    // Upstream ignores ParseImageName's error: a missing image defaults to IfNotPresent.
    container.imagePullPolicy = typeof container.image === 'string' && container.image && imageTag(container.image) === 'latest' ? 'Always' : 'IfNotPresent';
  }
  // Not a default but how upstream serializes the non-pointer ResourceRequirements struct.
  const resources = isPlainObject(container.resources) ? container.resources : {};
  container.resources = resources;
  canonicalizeResourceList(resources.limits);
  canonicalizeResourceList(resources.requests);
  setIfAbsent(container, 'terminationMessagePath', '/dev/termination-log');
  setIfAbsent(container, 'terminationMessagePolicy', 'File');
  for (const port of objects(container.ports)) setIfAbsent(port, 'protocol', 'TCP');
  for (const env of objects(container.env)) {
    if (isPlainObject(env.valueFrom) && isPlainObject(env.valueFrom.fieldRef)) setIfAbsent(env.valueFrom.fieldRef, 'apiVersion', 'v1');
  }
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
  if (isPlainObject(container.lifecycle)) {
    for (const hook of [container.lifecycle.postStart, container.lifecycle.preStop]) {
      if (isPlainObject(hook) && isPlainObject(hook.httpGet)) {
        setIfAbsent(hook.httpGet, 'path', '/');
        setIfAbsent(hook.httpGet, 'scheme', 'HTTP');
      }
    }
  }
}

const volumeSources = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
];

/** The volume source keys a v1 Volume may set. */
export const volumeSourceKeys: readonly string[] = volumeSources;

/** SetDefaults_Volume and the defaults of its sources (mode 0644, hostPath type ""). */
export function defaultVolume(volume: Json): void {
  if (!volumeSources.some((key) => volume[key] !== undefined && volume[key] !== null)) volume.emptyDir = {};
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (isPlainObject(volume[key])) setIfAbsent(volume[key] as Json, 'defaultMode', 420);
  }
  if (isPlainObject(volume.hostPath) && volume.hostPath.type === undefined) volume.hostPath.type = '';
  if (isPlainObject(volume.downwardAPI)) {
    for (const item of objects(volume.downwardAPI.items)) {
      if (isPlainObject(item.fieldRef)) setIfAbsent(item.fieldRef, 'apiVersion', 'v1');
    }
  }
}

/** SetDefaults_Pod's resource rule: a container with limits and no request for a resource requests its limit. */
function defaultRequestsFromLimits(container: Json): void {
  if (!isPlainObject(container.resources) || !isPlainObject(container.resources.limits)) return;
  const requests = isPlainObject(container.resources.requests) ? container.resources.requests : {};
  for (const [name, quantity] of Object.entries(container.resources.limits)) {
    if (requests[name] === undefined) requests[name] = quantity;
  }
  if (Object.keys(requests).length) container.resources.requests = requests;
}

/**
 * SetDefaults_PodSpec and everything nested in it, as the v1 defaulters apply to Pods and to every
 * pod template (Deployments, Jobs...). Mutates `spec`.
 */
export function defaultPodSpec(spec: Json): void {
  setIfAbsent(spec, 'dnsPolicy', 'ClusterFirst');
  setIfAbsent(spec, 'restartPolicy', 'Always');
  if (!isPlainObject(spec.securityContext)) spec.securityContext = {};
  setIfAbsent(spec, 'terminationGracePeriodSeconds', 30);
  setIfAbsent(spec, 'schedulerName', 'default-scheduler');
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  // v1 keeps the deprecated serviceAccount field in step with serviceAccountName (conversion, not defaulting).
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  const containers = [...objects(spec.containers), ...objects(spec.initContainers), ...objects(spec.ephemeralContainers)];
  for (const container of containers) defaultContainer(container);
  for (const volume of objects(spec.volumes)) defaultVolume(volume);
}

/**
 * SetDefaults_Pod's extra rules, applied to Pods but not to pod templates: requests default to
 * limits, and host-network pods expose each container port on the host.
 */
export function defaultPodOnlyFields(spec: Json): void {
  for (const container of [...objects(spec.containers), ...objects(spec.initContainers)]) {
    defaultRequestsFromLimits(container);
    if (spec.hostNetwork !== true) continue;
    for (const port of objects(container.ports)) if (!port.hostPort) port.hostPort = port.containerPort;
  }
}

/** Defaults of a PodTemplateSpec (`{ metadata, spec }`): only the spec has defaults. */
export function defaultPodTemplateSpec(template: Json | undefined): void {
  if (!isPlainObject(template)) return;
  if (!isPlainObject(template.spec)) template.spec = {};
  defaultPodSpec(template.spec as Json);
}
