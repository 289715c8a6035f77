import type { Logger } from 'pino';
import { jsonEqual, StatusError, type KubeObject } from '@drydock/util';
import { kubeTime } from '@drydock/kube';
import { autoUpdateAnnotation, mandatoryFlowSchemas, mandatoryPriorityLevels, suggestedFlowSchemas, suggestedPriorityLevels, type ResourceDefinition } from '@drydock/registry';
import { followCollection } from '../clusters/collection-follower';
import type { GenericStore } from '../rest/generic-store';
import type { WriteParams } from '../rest/request-context';
import type { WatchSource } from '../watch/watch-source';

const ensurerWrite: WriteParams = { dryRun: false, fieldManager: 'api-priority-and-fairness-config-producer-v1', fieldValidation: 'Ignore' };
const consumerWrite: WriteParams = { dryRun: false, fieldManager: 'api-priority-and-fairness-config-consumer-v1', fieldValidation: 'Ignore' };

interface Kind {
  def: ResourceDefinition;
  mandatory: KubeObject[];
  suggested: KubeObject[];
}

const annotations = (object: KubeObject) => object.metadata.annotations ?? {};

/** shouldUpdateSpec: the annotation's boolean when it parses, else whether nobody changed the object since it was made (generation 1). */
function autoUpdates(object: KubeObject): boolean {
  const value = annotations(object)[autoUpdateAnnotation];
  if (value === 'true' || value === 'false') return value === 'true';
  return object.metadata.generation === 1;
}

/** The Dangling condition the configuration consumer writes on each FlowSchema. */
export function danglingCondition(schema: KubeObject, levelNames: Set<string>): { type: string; status: string; reason: string; message: string } {
  const level = String((schema.spec as { priorityLevelConfiguration?: { name?: string } } | undefined)?.priorityLevelConfiguration?.name ?? '');
  if (levelNames.has(level)) return { type: 'Dangling', status: 'False', reason: 'Found', message: 'This FlowSchema references an existing PriorityLevelConfiguration object' };
  return { type: 'Dangling', status: 'True', reason: 'NotFound', message: `This FlowSchema references the PriorityLevelConfiguration object named "${level}" but there is no such object` };
}

/**
 * Upstream's APF configuration producer and consumer for one logical cluster (pkg/registry/flowcontrol/ensurer
 * and the config controller's status writes): the mandatory FlowSchemas and PriorityLevelConfigurations exist with
 * their fixed spec (recreated when deleted, restored when changed); the suggested ones exist and follow the
 * bootstrap spec while `apf.kubernetes.io/autoupdate-spec` is `true` (or absent on an object never changed);
 * objects the server made (annotation `true`) that are no longer bootstrap objects are removed; and every
 * FlowSchema's `Dangling` condition says whether its priority level exists. Runs after each change, from the watch cache.
 */
export class FlowControlConfiguration {
  private readonly subscriptions: { close(): void }[] = [];
  private pending?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly flowSchemas: Kind;
  private readonly priorityLevels: Kind;

  constructor(
    private readonly watch: WatchSource,
    private readonly generic: GenericStore,
    definition: (group: string, resource: string) => ResourceDefinition,
    private readonly logger: Logger,
    private readonly cluster: string,
  ) {
    this.flowSchemas = { def: definition('flowcontrol.apiserver.k8s.io', 'flowschemas'), mandatory: mandatoryFlowSchemas(), suggested: suggestedFlowSchemas() };
    this.priorityLevels = { def: definition('flowcontrol.apiserver.k8s.io', 'prioritylevelconfigurations'), mandatory: mandatoryPriorityLevels(), suggested: suggestedPriorityLevels() };
  }

  /** Creates what is missing (before the cluster serves requests), then follows both collections. */
  async start(): Promise<void> {
    await this.ensure();
    for (const kind of [this.priorityLevels, this.flowSchemas]) {
      let initial = true;
      this.subscriptions.push(followCollection(this.watch, { cluster: this.cluster, resource: `${kind.def.resource}.${kind.def.group}` }, () => !initial && this.schedule()));
      initial = false;
    }
    this.schedule();
  }

  stop(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.close();
    clearTimeout(this.pending);
  }

  /** One pass after a burst of changes (a pass's own writes schedule one more, which finds nothing to do). */
  private schedule(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.running = (this.running ?? Promise.resolve()).then(() => this.ensure()).catch((error) => this.logger.warn({ err: error, cluster: this.cluster }, 'priority and fairness configuration'));
    }, 50);
    this.pending.unref?.();
  }

  private current(kind: Kind): Map<string, KubeObject> {
    const { items } = this.watch.snapshot({ cluster: this.cluster, resource: `${kind.def.resource}.${kind.def.group}` });
    return new Map(items.map((object) => [object.metadata.name ?? '', object]));
  }

  async ensure(): Promise<void> {
    for (const kind of [this.priorityLevels, this.flowSchemas]) await this.ensureKind(kind);
    await this.updateDanglingConditions();
  }

  private async ensureKind(kind: Kind): Promise<void> {
    const current = this.current(kind);
    const writes: Promise<unknown>[] = [];
    for (const [objects, mandatory] of [[kind.mandatory, true], [kind.suggested, false]] as const) {
      for (const bootstrap of objects) {
        const existing = current.get(bootstrap.metadata.name!);
        if (!existing) writes.push(this.create(kind, bootstrap));
        else writes.push(this.reconcile(kind, existing, bootstrap, mandatory));
      }
    }
    const wanted = new Set([...kind.mandatory, ...kind.suggested].map((object) => object.metadata.name));
    for (const [name, object] of current) {
      if (!wanted.has(name) && annotations(object)[autoUpdateAnnotation] === 'true') {
        writes.push(this.generic.delete(kind.def, this.cluster, '', name, { dryRun: false }).catch((error) => this.ignore(error, 'NotFound')));
      }
    }
    await Promise.all(writes);
  }

  private create(kind: Kind, bootstrap: KubeObject): Promise<unknown> {
    return this.generic.create(kind.def, this.cluster, '', structuredClone(bootstrap), ensurerWrite).catch((error) => this.ignore(error, 'AlreadyExists'));
  }

  /** A mandatory object always gets its spec back (the exempt level keeps its `spec.exempt`); a suggested one while it auto-updates. */
  private async reconcile(kind: Kind, existing: KubeObject, bootstrap: KubeObject, mandatory: boolean): Promise<void> {
    const update = mandatory || autoUpdates(existing);
    const spec = structuredClone(bootstrap.spec) as Record<string, unknown>;
    if (mandatory && kind === this.priorityLevels && existing.metadata.name === 'exempt' && (existing.spec as Record<string, unknown> | undefined)?.exempt) spec.exempt = (existing.spec as Record<string, unknown>).exempt;
    const annotation = String(update);
    if ((!update || jsonEqual(existing.spec, spec)) && annotations(existing)[autoUpdateAnnotation] === annotation) return;
    await this.generic
      .update(kind.def, this.cluster, '', existing.metadata.name!, ensurerWrite, (stored) => {
        const object = stored!;
        object.metadata.annotations = { ...object.metadata.annotations, [autoUpdateAnnotation]: annotation };
        if (update) object.spec = spec;
        return object;
      })
      .catch((error) => this.ignore(error, 'NotFound'));
  }

  private async updateDanglingConditions(): Promise<void> {
    const levels = new Set(this.current(this.priorityLevels).keys());
    const writes: Promise<unknown>[] = [];
    for (const schema of this.current(this.flowSchemas).values()) {
      const wanted = danglingCondition(schema, levels);
      const conditions = ((schema.status as { conditions?: Record<string, string>[] } | undefined)?.conditions ?? []);
      const present = conditions.find((condition) => condition.type === 'Dangling');
      if (present && present.status === wanted.status && present.reason === wanted.reason && present.message === wanted.message) continue;
      const condition = { ...wanted, lastTransitionTime: present?.status === wanted.status ? present.lastTransitionTime : kubeTime(new Date()) };
      writes.push(
        this.generic
          .update(this.flowSchemas.def, this.cluster, '', schema.metadata.name!, consumerWrite, (stored) => {
            const status = (stored!.status ?? {}) as { conditions?: Record<string, string>[] };
            return { ...stored!, status: { ...status, conditions: [...(status.conditions ?? []).filter((c) => c.type !== 'Dangling'), condition] } };
          }, { subresource: 'status' })
          .catch((error) => this.ignore(error, 'NotFound')),
      );
    }
    await Promise.all(writes);
  }

  private ignore(error: unknown, reason: string): void {
    if (error instanceof StatusError && error.reason === reason) return;
    throw error;
  }
}
