import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { Json } from './json';

export const FIXTURES_DIR = path.resolve(__dirname, '../../fixtures');

/** The basic manifests, with what kubectl calls each object in its output (`deployment.apps/my-deploy`). */
export const BASIC_MANIFESTS = [
  { file: 'pod.yaml', resource: 'pod', kubectlName: 'pod/nginx' },
  { file: 'service.yaml', resource: 'service', kubectlName: 'service/my-service' },
  { file: 'replicaset.yaml', resource: 'replicaset', kubectlName: 'replicaset.apps/myapp-replicaset' },
  { file: 'replicationcontroller.yaml', resource: 'replicationcontroller', kubectlName: 'replicationcontroller/myapp-rc' },
  { file: 'deployment.yaml', resource: 'deployment', kubectlName: 'deployment.apps/my-deploy' },
  { file: 'ingress.yaml', resource: 'ingress', kubectlName: 'ingress.networking.k8s.io/demo-ing' },
  { file: 'configmap.yaml', resource: 'configmap', kubectlName: 'configmap/app-config' },
  { file: 'secret.yaml', resource: 'secret', kubectlName: 'secret/app-secret' },
] as const;

export function fixturePath(file: string): string {
  return path.join(FIXTURES_DIR, file);
}

/** Copies a fixture into `dir` (tests edit copies, never the fixtures). */
export function copyFixture(file: string, dir: string, as = file): string {
  const destination = path.join(dir, as);
  fs.copyFileSync(fixturePath(file), destination);
  return destination;
}

/**
 * A scheduler name no scheduler serves: such a pod stays Pending and unbound whether or not Drydock runs
 * its scheduler and simulated nodes, so its printed state is the same in both worlds (as upstream).
 */
export const NO_SCHEDULER = 'e2e-no-such-scheduler';

/** A copy of a Pod fixture that no scheduler will bind. */
export function copyUnscheduledPod(file: string, dir: string, as: string): string {
  const copy = copyFixture(file, dir, as);
  editManifest(copy, (pod) => (pod.spec.schedulerName = NO_SCHEDULER));
  return copy;
}

/**
 * A copy of a workload fixture (ReplicaSet, ReplicationController, Deployment) with zero replicas: its
 * status is settled at once whether or not controllers run, so printed columns are deterministic.
 */
export function copyScaledToZero(file: string, dir: string, as: string): string {
  const copy = copyFixture(file, dir, as);
  editManifest(copy, (workload) => (workload.spec.replicas = 0));
  return copy;
}

/** Reads a single-document YAML manifest. */
export function readManifest(file: string): Json {
  const [document] = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  return document.toJS();
}

/** Rewrites a manifest file through `edit` (which may mutate the object in place). */
export function editManifest(file: string, edit: (manifest: Json) => void): void {
  const manifest = readManifest(file);
  edit(manifest);
  fs.writeFileSync(file, toYaml(manifest));
}

/** Writes `manifest` as YAML to `dir/name` and returns the path. */
export function writeManifest(dir: string, name: string, manifest: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, toYaml(manifest));
  return file;
}

/**
 * YAML that kubectl reads back as written: kubectl's YAML 1.1 parser takes plain `yes`, `on` or `y` for
 * booleans, so every string is double-quoted.
 */
function toYaml(manifest: unknown): string {
  return stringify(manifest, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
}

export const namespaceManifest = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

export const configMapManifest = (name: string, data: Record<string, string> = {}, namespace?: string, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) },
  data,
});

/** The Deployment `kubectl create deployment NAME --image=IMAGE --replicas=N` builds. */
export const deploymentManifest = (name: string, image: string, replicas = 1) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: image.split('/').pop()!.split(':')[0], image }] } },
  },
});
