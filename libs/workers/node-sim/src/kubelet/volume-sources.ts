import type { KubeObject } from '@drydock/util';
import type { ContainerSpec } from '../runtime/container-program';
import { fieldValue, ObjectLookup, objectData, ResourceFieldRef, resourceFieldValue, TokenProjection } from './container-environment';

/**
 * The files the kubelet's configMap, secret, downwardAPI and projected volume plugins write, with a
 * version (a fingerprint of the content) that changes when they do. Pure.
 */
export interface VolumeContent {
  version: string;
  /** Path inside the volume → content. */
  files: Map<string, string>;
}

interface KeyToPath { key: string; path: string }
interface ObjectSource { name?: string; secretName?: string; items?: KeyToPath[]; optional?: boolean }
interface DownwardItem { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: ResourceFieldRef }
interface ProjectedSource { configMap?: ObjectSource; secret?: ObjectSource; downwardAPI?: { items?: DownwardItem[] }; serviceAccountToken?: TokenProjection }
export interface Volume { name: string; configMap?: ObjectSource; secret?: ObjectSource; downwardAPI?: { items?: DownwardItem[] }; projected?: { sources?: ProjectedSource[] } }

/** True for the volume kinds written as upstream's atomic-writer layout. */
export function isAtomicVolume(volume: Volume): boolean {
  return !!(volume.configMap || volume.secret || volume.downwardAPI || volume.projected);
}

/** The volume's files; a projected serviceAccountToken is asked of the API server (TokenRequest) through the lookup. */
export async function volumeContent(pod: KubeObject, volume: Volume, lookup: ObjectLookup, podIP: string, nodeAllocatable: Record<string, string> = {}): Promise<VolumeContent> {
  const files = new Map<string, string>();
  const sources: ProjectedSource[] = volume.projected ? (volume.projected.sources ?? []) : [volume];
  for (const source of sources) {
    if (source.configMap) addObject(pod, source.configMap, false, lookup, files);
    if (source.secret) addObject(pod, source.secret, true, lookup, files);
    if (source.downwardAPI) addDownward(pod, source.downwardAPI.items ?? [], podIP, nodeAllocatable, files);
    if (source.serviceAccountToken && lookup.serviceAccountToken) files.set(source.serviceAccountToken.path, await lookup.serviceAccountToken(pod, source.serviceAccountToken));
  }
  return { version: hash(JSON.stringify([...files])), files };
}

function addObject(pod: KubeObject, source: ObjectSource, secret: boolean, lookup: ObjectLookup, files: Map<string, string>): void {
  const namespace = pod.metadata.namespace ?? 'default';
  const name = (secret ? source.secretName ?? source.name : source.name) ?? '';
  const object = secret ? lookup.secret(namespace, name) : lookup.configMap(namespace, name);
  if (!object) return;
  const data = objectData(object, secret);
  const items = source.items ?? Object.keys(data).map((key) => ({ key, path: key }));
  for (const item of items) if (item.key in data) files.set(item.path, data[item.key]);
}

/** Labels and annotations as the downward API writes them: `key="value"` lines, sorted, no final newline. */
function formatMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {}).sort().map((key) => `${key}=${JSON.stringify(map![key])}`).join('\n');
}

function addDownward(pod: KubeObject, items: DownwardItem[], podIP: string, nodeAllocatable: Record<string, string>, files: Map<string, string>): void {
  const containers = ((pod.spec as { containers?: ContainerSpec[] } | undefined)?.containers ?? []);
  for (const item of items) {
    const path = item.fieldRef?.fieldPath;
    if (path === 'metadata.labels') files.set(item.path, formatMap(pod.metadata.labels));
    else if (path === 'metadata.annotations') files.set(item.path, formatMap(pod.metadata.annotations));
    else if (path) files.set(item.path, fieldValue(pod, path, podIP, ''));
    else if (item.resourceFieldRef) files.set(item.path, resourceFieldValue(containers.find((c) => c.name === item.resourceFieldRef!.containerName), item.resourceFieldRef, nodeAllocatable));
  }
}

/** FNV-1a: a cheap fingerprint (a volume is rewritten only when its content changes, as upstream's). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}
