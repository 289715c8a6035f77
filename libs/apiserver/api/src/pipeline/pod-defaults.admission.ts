import type { AdmissionPlugin, AdmissionRequest } from './admission';

interface Toleration {
  key?: string;
  operator?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface PodSpec {
  serviceAccountName?: string;
  serviceAccount?: string;
  tolerations?: Toleration[];
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
}

const defaultTolerationSeconds = 300;
const taintKeys = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

function tolerates(tolerations: Toleration[], key: string): boolean {
  return tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
}

/**
 * The mutating admission upstream applies to every new pod: ServiceAccount (serviceAccountName
 * `default`), DefaultTolerationSeconds (tolerate not-ready and unreachable nodes for 300 s, which the
 * node lifecycle controller's NoExecute eviction honours) and Priority (priority 0 without a class).
 */
export class PodDefaultsAdmission implements AdmissionPlugin {
  readonly name = 'ServiceAccount,DefaultTolerationSeconds,Priority';

  async admit(request: AdmissionRequest): Promise<void> {
    if (request.operation !== 'CREATE' || request.def.group !== '' || request.def.resource !== 'pods') return;
    const spec = (request.object.spec ?? {}) as PodSpec;
    spec.serviceAccountName ||= spec.serviceAccount || 'default';
    spec.serviceAccount = spec.serviceAccountName;
    const tolerations = spec.tolerations ?? [];
    for (const key of taintKeys) {
      if (!tolerates(tolerations, key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: defaultTolerationSeconds });
    }
    spec.tolerations = tolerations;
    if (!spec.priorityClassName && spec.priority === undefined) spec.priority = 0;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
    request.object.spec = spec;
  }
}
