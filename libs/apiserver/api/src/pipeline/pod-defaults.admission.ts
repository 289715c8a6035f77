import { StatusError, isPlainObject } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { AdmissionRequest, MutatingAdmissionPlugin } from './admission';
import { LiveLookup } from './live-lookup';
import type { CachedObjects } from './namespace-lifecycle.admission';

/** Upstream's built-in priority classes (they exist in every cluster). */
const systemPriorityClasses: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

interface Toleration {
  key?: string;
  operator?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface PodSpec {
  tolerations?: Toleration[];
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
}

const defaultTolerationSeconds = 300;
const taintKeys = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

function tolerates(tolerations: Toleration[], key: string): boolean {
  return tolerations.some((t) => isPlainObject(t) && (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
}

/**
 * The mutating admission upstream applies to every new pod: DefaultTolerationSeconds (tolerate not-ready and unreachable nodes for 300 s, which the
 * node lifecycle controller's NoExecute eviction honours) and Priority (the class's value, the globalDefault class's without one, else 0).
 */
export class PodDefaultsAdmission implements MutatingAdmissionPlugin {
  readonly name = 'DefaultTolerationSeconds,Priority';

  /** The PriorityClasses, from the watch cache as upstream's admission reads them from its informer (one store query per pod was a tenth of bench:scale's SQL). */
  private readonly classes?: LiveLookup;

  constructor(
    private readonly store: ObjectStore,
    cache?: CachedObjects,
  ) {
    if (cache) this.classes = new LiveLookup(store, cache, 'priorityclasses.scheduling.k8s.io');
  }

  /** Priority admission: the class's value (and preemption policy), or Forbidden when the class does not exist. */
  private async priorityOf(cluster: string, className: string, podName: string): Promise<{ value: number; preemptionPolicy?: string }> {
    if (systemPriorityClasses[className] !== undefined) return { value: systemPriorityClasses[className] };
    const found = await this.store.get({ cluster, resource: 'priorityclasses.scheduling.k8s.io', namespace: '', name: className });
    if (!found) throw StatusError.forbidden({ group: '', resource: 'pods' }, podName, `no PriorityClass with name ${className} was found`);
    return { value: Number(found.value ?? 0), preemptionPolicy: found.preemptionPolicy as string | undefined };
  }

  /** getDefaultPriority: the globalDefault class of lowest value, else priority 0 and no class. */
  private async globalDefault(cluster: string): Promise<{ name?: string; value: number; preemptionPolicy?: string }> {
    const all = this.classes ? await this.classes.list(cluster, '') : (await this.store.list({ cluster, resource: 'priorityclasses.scheduling.k8s.io' })).items;
    const classes = all.filter((pc) => pc.globalDefault === true);
    const chosen = classes.sort((a, b) => Number(a.value ?? 0) - Number(b.value ?? 0))[0];
    return chosen ? { name: chosen.metadata.name, value: Number(chosen.value ?? 0), preemptionPolicy: chosen.preemptionPolicy as string | undefined } : { value: 0 };
  }

  async admit(request: AdmissionRequest): Promise<void> {
    if (request.operation !== 'CREATE' || request.def.group !== '' || request.def.resource !== 'pods') return;
    const spec = (request.object.spec ?? {}) as PodSpec;
    // Mutating admission runs before validation: malformed fields are left for validate to refuse.
    const tolerations = spec.tolerations ?? [];
    if (Array.isArray(tolerations)) {
      for (const key of taintKeys) {
        if (!tolerates(tolerations, key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: defaultTolerationSeconds });
      }
      spec.tolerations = tolerations;
    }
    const provided = spec.priority;
    const priority: { name?: string; value: number; preemptionPolicy?: string } = spec.priorityClassName && typeof spec.priorityClassName === 'string'
      ? await this.priorityOf(request.cluster, spec.priorityClassName, request.object.metadata.name ?? '')
      : await this.globalDefault(request.cluster);
    if (priority.name) spec.priorityClassName = priority.name;
    if (typeof provided === 'number' && provided !== priority.value) {
      throw StatusError.forbidden({ group: '', resource: 'pods' }, request.object.metadata.name ?? '', `the integer value of priority (${provided}) must not be provided in pod spec; priority admission controller computed ${priority.value} from the given PriorityClass name`);
    }
    spec.priority = priority.value;
    spec.preemptionPolicy ??= priority.preemptionPolicy ?? 'PreemptLowerPriority';
    request.object.spec = spec;
  }
}
