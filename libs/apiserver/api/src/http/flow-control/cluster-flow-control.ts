import { createHash } from 'node:crypto';
import type { KubeObject } from '@drydock/util';
import type { ChangeEvent } from '@drydock/storage';
import { byMatchingPrecedence, mandatoryFlowSchemas, mandatoryPriorityLevels, suggestedFlowSchemas, suggestedPriorityLevels } from '@drydock/registry';
import type { WatchSource } from '../../watch/watch-source';
import { FairQueueSet } from './fair-queue-set';
import { matchesFlowSchema, type RequestDigest } from './flow-schema-matcher';

/** How the server's concurrency is shared and queued (docs/configuration.md). */
export interface FlowControlSettings {
  /** The server's concurrency limit, divided among the Limited levels by their nominalConcurrencyShares. */
  totalConcurrencyLimit: number;
  /** Overrides every queuing level's queueLengthLimit. */
  queueLengthLimit?: number;
  queueWaitMs: number;
}

/** A priority level as the filter uses it: its object, and its queues unless it is exempt. */
export interface PriorityLevelState {
  object: KubeObject;
  uid: string;
  /** Undefined for an Exempt level. */
  queues?: FairQueueSet;
  concurrencyLimit: number;
  /** The queue configuration the set was made with; a change makes a new set. */
  configKey: string;
}

export interface Classification {
  schema: KubeObject;
  schemaUid: string;
  level: PriorityLevelState;
}

const resources = { flowSchemas: 'flowschemas.flowcontrol.apiserver.k8s.io', priorityLevels: 'prioritylevelconfigurations.flowcontrol.apiserver.k8s.io' } as const;

type Json = Record<string, unknown>;
const json = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/** An object's UID; the bootstrap objects used before a cluster has its own get a stable one from their kind and name. */
function uidOf(object: KubeObject): string {
  if (object.metadata.uid) return object.metadata.uid;
  const hex = createHash('sha256').update(`${object.kind}/${object.metadata.name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The APF configuration of one logical cluster, read from its FlowSchemas and PriorityLevelConfigurations in the
 * watch cache (upstream's config controller digests its informers the same way): schemas in matching order, and a
 * queue set per Limited level sized by its share of the server's concurrency limit. A level whose queuing or
 * share changes gets a new queue set; requests already holding a seat release it in the old one. Until the
 * cluster has objects of its own (the moment before its bootstrap), the bootstrap configuration serves.
 */
export class ClusterFlowControl {
  private objects: Record<keyof typeof resources, Map<string, KubeObject>> = { flowSchemas: new Map(), priorityLevels: new Map() };
  /** FlowSchemas in matching order, each with its level's name and its UID (worked out once per change, not per request). */
  private schemas: { schema: KubeObject; levelName: string; uid: string }[] = [];
  private levels = new Map<string, PriorityLevelState>();
  private readonly handles: { close(): void }[] = [];

  constructor(source: WatchSource, cluster: string, private readonly settings: FlowControlSettings, onLost: () => void) {
    for (const [field, resource] of Object.entries(resources) as [keyof typeof resources, string][]) {
      const filter = { cluster, resource };
      const snapshot = source.snapshot(filter);
      for (const object of snapshot.items) this.objects[field].set(object.metadata.name ?? '', object);
      const apply = (events: ChangeEvent[]) => {
        for (const event of events) {
          if (event.type === 'DELETED') this.objects[field].delete(event.key.name);
          else this.objects[field].set(event.key.name, event.object);
        }
        this.digest();
      };
      this.handles.push(source.watch(filter, snapshot.revision, apply, onLost));
    }
    this.digest();
  }

  close(): void {
    this.handles.splice(0).forEach((handle) => handle.close());
  }

  /** The first FlowSchema (in matching order) that matches and whose level exists; catch-all when none does. */
  classify(digest: RequestDigest): Classification {
    for (const { schema, levelName, uid } of this.schemas) {
      const level = this.levels.get(levelName);
      if (level && matchesFlowSchema(schema, digest)) return { schema, schemaUid: uid, level };
    }
    return this.catchAll();
  }

  /** Every level, by name, for metrics and the debug endpoint. */
  priorityLevels(): PriorityLevelState[] {
    return [...this.levels.values()].sort((a, b) => ((a.object.metadata.name ?? '') < (b.object.metadata.name ?? '') ? -1 : 1));
  }

  /** Upstream answers from its built-in catch-all when the configured one is gone. */
  private catchAll(): Classification {
    const schema = mandatoryFlowSchemas().find((object) => object.metadata.name === 'catch-all')!;
    const level = this.levels.get('catch-all') ?? this.levelState(mandatoryPriorityLevels().find((object) => object.metadata.name === 'catch-all')!, 1, undefined);
    if (!this.levels.has('catch-all')) this.levels.set('catch-all', level);
    return { schema, schemaUid: uidOf(schema), level };
  }

  private digest(): void {
    const own = this.objects.priorityLevels.size > 0 || this.objects.flowSchemas.size > 0;
    const levels = own ? [...this.objects.priorityLevels.values()] : [...mandatoryPriorityLevels(), ...suggestedPriorityLevels()];
    const schemas = own ? [...this.objects.flowSchemas.values()] : [...mandatoryFlowSchemas(), ...suggestedFlowSchemas()];
    this.schemas = schemas.sort(byMatchingPrecedence).map((schema) => ({ schema, levelName: String(json(json(schema.spec).priorityLevelConfiguration).name ?? ''), uid: uidOf(schema) }));
    const shares = (level: KubeObject) => Number(json(json(level.spec).limited).nominalConcurrencyShares ?? 0);
    const total = levels.reduce((sum, level) => sum + shares(level), 0);
    const next = new Map<string, PriorityLevelState>();
    for (const level of levels) {
      const limit = total > 0 ? Math.ceil((this.settings.totalConcurrencyLimit * shares(level)) / total) : 0;
      next.set(level.metadata.name ?? '', this.levelState(level, limit, this.levels.get(level.metadata.name ?? '')));
    }
    this.levels = next;
  }

  private levelState(object: KubeObject, concurrencyLimit: number, previous: PriorityLevelState | undefined): PriorityLevelState {
    const spec = json(object.spec);
    if (spec.type !== 'Limited') return { object, uid: uidOf(object), concurrencyLimit: 0, configKey: 'exempt' };
    const response = json(json(spec.limited).limitResponse);
    const queuing = json(response.queuing);
    const config = {
      concurrencyLimit,
      queues: response.type === 'Queue' ? Number(queuing.queues ?? 64) : 0,
      handSize: Number(queuing.handSize ?? 8),
      queueLengthLimit: this.settings.queueLengthLimit ?? Number(queuing.queueLengthLimit ?? 50),
      queueWaitMs: this.settings.queueWaitMs,
    };
    const configKey = JSON.stringify(config);
    const queues = previous?.configKey === configKey && previous.queues ? previous.queues : new FairQueueSet(config);
    return { object, uid: uidOf(object), queues, concurrencyLimit, configKey };
  }
}
