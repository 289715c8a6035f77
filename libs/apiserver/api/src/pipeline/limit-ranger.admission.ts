import { StatusError } from '@drydock/util';
import type { KubeObject } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { QuotaPod } from '@drydock/kube';
import type { AdmissionRequest, MutatingAdmissionPlugin, ValidatingAdmissionPlugin } from './admission';
import type { CachedObjects } from './namespace-lifecycle.admission';
import { LiveLookup } from './live-lookup';
import { aggregateMessage, applyLimitRangeDefaults, claimLimitRangeErrors, LimitRangeObject, podLimitRangeErrors } from './limit-range-rules';

/**
 * Upstream's LimitRanger (plugin/pkg/admission/limitranger), both halves: the mutating one gives new
 * pods' containers the namespace's LimitRange defaults; the validating one refuses pods and claims
 * outside min, max and maxLimitRequestRatio with upstream's messages. Pod updates and subresources are
 * left alone (containers cannot change after creation).
 */
export class LimitRangerAdmission implements MutatingAdmissionPlugin, ValidatingAdmissionPlugin {
  readonly name = 'LimitRanger';
  private readonly lookup: LiveLookup;

  constructor(store: ObjectStore, cache: CachedObjects) {
    this.lookup = new LiveLookup(store, cache, 'limitranges');
  }

  private static kindOf(request: Readonly<AdmissionRequest>): 'pod' | 'claim' | undefined {
    if (request.subresource || request.def.group !== '' || request.operation === 'DELETE') return undefined;
    if (request.def.resource === 'pods') return request.operation === 'CREATE' ? 'pod' : undefined;
    return request.def.resource === 'persistentvolumeclaims' ? 'claim' : undefined;
  }

  private async limitRanges(cluster: string, namespace: string): Promise<LimitRangeObject[]> {
    return (await this.lookup.list(cluster, namespace)) as LimitRangeObject[];
  }

  async admit(request: AdmissionRequest): Promise<void> {
    if (LimitRangerAdmission.kindOf(request) !== 'pod') return;
    for (const limitRange of await this.limitRanges(request.cluster, request.object.metadata.namespace ?? '')) {
      applyLimitRangeDefaults(limitRange, request.object as QuotaPod & KubeObject);
    }
  }

  async validate(request: Readonly<AdmissionRequest>): Promise<void> {
    const kind = LimitRangerAdmission.kindOf(request);
    if (!kind) return;
    const { object, def } = request;
    for (const limitRange of await this.limitRanges(request.cluster, object.metadata.namespace ?? '')) {
      const errors = kind === 'pod' ? podLimitRangeErrors(limitRange, object as QuotaPod) : claimLimitRangeErrors(limitRange, object as Parameters<typeof claimLimitRangeErrors>[1]);
      if (errors.length) {
        const name = object.metadata.name || object.metadata.generateName || 'Unknown';
        throw StatusError.forbidden({ group: def.group, resource: def.resource }, name, aggregateMessage(errors));
      }
    }
  }
}
