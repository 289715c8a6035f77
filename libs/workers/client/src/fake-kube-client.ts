import { kubeTime } from '@drydock/kube';
import { deepCopy, isPlainObject, KubeObject } from '@drydock/util';
import { ApiError } from './api-error';
import type { DeleteOptions, KubeClient, ListOptions, ObjectList, PatchType, ResourceRef, WatchEvent, WatchHandle, WatchOptions } from './client.types';
import { apiVersionOf } from './resources';

interface FakeWatch {
  ref: ResourceRef;
  namespace?: string;
  onEvent: (event: WatchEvent) => void;
  close(): void;
}

interface Change {
  revision: number;
  ref: ResourceRef;
  event: WatchEvent;
}

const refKey = (ref: ResourceRef) => `${ref.group}/${ref.resource}`;
const objectKey = (ref: ResourceRef, namespace: string, name: string) => `${refKey(ref)}/${ref.namespaced ? namespace : ''}/${name}`;

/**
 * An in-memory KubeClient for unit tests of workers: objects with uid, resourceVersion and
 * optimistic concurrency (409), AlreadyExists, 404, merge patches (strategic treated as merge),
 * watches from a resourceVersion, and `compact()`/`closeWatches()` to provoke relists and re-watches.
 * Selectors are ignored. `calls` records every call as `verb resource name` for assertions.
 */
export class FakeKubeClient implements KubeClient {
  readonly calls: string[] = [];
  /** Makes the next calls of a verb fail (e.g. `failNext.set('update', new ApiError(...))`). */
  readonly failNext = new Map<string, ApiError | Error>();
  private readonly objects = new Map<string, KubeObject>();
  private readonly changes: Change[] = [];
  private readonly watches = new Set<FakeWatch>();
  private revision = 1;
  private floor = 0;
  private uid = 0;

  async get<T extends KubeObject>(ref: ResourceRef, namespace: string, name: string): Promise<T | null> {
    this.record('get', ref, name);
    const object = this.objects.get(objectKey(ref, namespace, name));
    return object ? (deepCopy(object) as T) : null;
  }

  async list<T extends KubeObject>(ref: ResourceRef, options: ListOptions = {}): Promise<ObjectList<T>> {
    this.record('list', ref, options.namespace ?? '');
    const items = [...this.objects.entries()].filter(([key, object]) => key.startsWith(`${refKey(ref)}/`) && (!options.namespace || object.metadata.namespace === options.namespace)).map(([, object]) => deepCopy(object) as T);
    return { items, resourceVersion: String(this.revision) };
  }

  async create<T extends KubeObject>(ref: ResourceRef, namespace: string, object: T): Promise<T> {
    this.record('create', ref, object.metadata.name ?? '');
    const key = objectKey(ref, namespace, object.metadata.name ?? '');
    if (this.objects.has(key)) throw fakeError(409, 'AlreadyExists', `${ref.resource} "${object.metadata.name}" already exists`);
    const stored = { ...deepCopy(object), apiVersion: apiVersionOf(ref), kind: ref.kind };
    stored.metadata = { ...stored.metadata, namespace: ref.namespaced ? namespace : undefined, uid: `uid-${++this.uid}`, creationTimestamp: kubeTime(new Date()) };
    return this.commit(ref, key, stored, 'ADDED') as T;
  }

  async update<T extends KubeObject>(ref: ResourceRef, object: T): Promise<T> {
    this.record('update', ref, object.metadata.name ?? '');
    const key = objectKey(ref, object.metadata.namespace ?? '', object.metadata.name ?? '');
    const current = this.objects.get(key);
    if (!current) throw fakeError(404, 'NotFound', `${ref.resource} "${object.metadata.name}" not found`);
    if (object.metadata.resourceVersion && object.metadata.resourceVersion !== current.metadata.resourceVersion) throw fakeError(409, 'Conflict', `Operation cannot be fulfilled on ${ref.resource} "${object.metadata.name}": the object has been modified`);
    return this.commit(ref, key, { ...deepCopy(object), metadata: { ...object.metadata, uid: current.metadata.uid } }, 'MODIFIED') as T;
  }

  async patch<T extends KubeObject>(ref: ResourceRef, namespace: string, name: string, patch: unknown, type: PatchType): Promise<T> {
    this.record('patch', ref, name);
    const key = objectKey(ref, namespace, name);
    const current = this.objects.get(key);
    if (!current) throw fakeError(404, 'NotFound', `${ref.resource} "${name}" not found`);
    if (type === 'json') throw new Error('FakeKubeClient: json patches are not supported');
    return this.commit(ref, key, mergePatch(deepCopy(current), patch) as KubeObject, 'MODIFIED') as T;
  }

  async delete(ref: ResourceRef, namespace: string, name: string, options: DeleteOptions = {}): Promise<KubeObject | null> {
    this.record('delete', ref, name);
    const key = objectKey(ref, namespace, name);
    const current = this.objects.get(key);
    if (!current) return null;
    if (options.preconditions?.resourceVersion && options.preconditions.resourceVersion !== current.metadata.resourceVersion) throw fakeError(409, 'Conflict', 'precondition failed');
    this.objects.delete(key);
    this.publish(ref, { type: 'DELETED', object: { ...current, metadata: { ...current.metadata, resourceVersion: String(++this.revision) } } });
    return deepCopy(current);
  }

  async createSubresource(ref: ResourceRef, namespace: string, name: string, subresource: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.record(`create/${subresource}`, ref, name);
    return body;
  }

  watch<T extends KubeObject>(ref: ResourceRef, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): WatchHandle {
    this.record('watch', ref, options.resourceVersion ?? '');
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    const watch: FakeWatch = { ref, namespace: options.namespace, onEvent: onEvent as (event: WatchEvent) => void, close: () => (this.watches.delete(watch), resolveDone()) };
    const from = Number(options.resourceVersion || this.revision);
    queueMicrotask(() => {
      if (from < this.floor) return (onEvent({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } as never }), watch.close());
      this.watches.add(watch);
      for (const change of this.changes) if (change.revision > from && refKey(change.ref) === refKey(ref)) this.deliver(watch, change.event);
    });
    return { done, close: watch.close };
  }

  /** Forgets the change history: watches from an older resourceVersion get 410 Expired. Open watches close. */
  compact(): void {
    this.floor = this.revision;
    this.changes.length = 0;
    this.closeWatches();
  }

  /** Ends every open watch as a server timeout would. */
  closeWatches(): void {
    for (const watch of [...this.watches]) watch.close();
  }

  /** Changes or removes an object without any watch event (as if the event was lost with a compaction). */
  silently(ref: ResourceRef, namespace: string, name: string, object: KubeObject | undefined): void {
    const key = objectKey(ref, namespace, name);
    if (object) this.objects.set(key, { ...deepCopy(object), metadata: { ...object.metadata, resourceVersion: String(++this.revision) } });
    else this.objects.delete(key);
  }

  openWatches(): number {
    return this.watches.size;
  }

  private record(verb: string, ref: ResourceRef, name: string): void {
    this.calls.push(`${verb} ${ref.resource} ${name}`.trim());
    const failure = this.failNext.get(verb);
    if (failure) {
      this.failNext.delete(verb);
      throw failure;
    }
  }

  private commit(ref: ResourceRef, key: string, object: KubeObject, type: 'ADDED' | 'MODIFIED'): KubeObject {
    object.metadata.resourceVersion = String(++this.revision);
    this.objects.set(key, object);
    this.publish(ref, { type, object: deepCopy(object) });
    return deepCopy(object);
  }

  private publish(ref: ResourceRef, event: WatchEvent): void {
    const change = { revision: this.revision, ref, event };
    this.changes.push(change);
    for (const watch of this.watches) if (refKey(watch.ref) === refKey(ref)) this.deliver(watch, event);
  }

  private deliver(watch: FakeWatch, event: WatchEvent): void {
    if (!watch.namespace || event.object.metadata.namespace === watch.namespace) watch.onEvent(deepCopy(event));
  }
}

function fakeError(code: number, reason: string, message: string): ApiError {
  return new ApiError(code, reason, message, { kind: 'Status', code, reason, message });
}

/** RFC 7386 merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}
