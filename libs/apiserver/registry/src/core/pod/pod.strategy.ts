import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceDefinition, ResourceStrategy } from '../../resource.types';
import { defaultPodOnlyFields, defaultPodSpec, validatePodSpec } from '../pod-spec';
import { bumpGeneration, initGeneration, keepOldStatus, list, objectMetaFields, read, section, text, validateCoreMeta } from '../core-strategy-helpers';
import { podQosClass } from './pod-qos';
import { podColumns, podRow } from './pod-table';
import { validatePodSpecUpdate } from './pod-update-validation';

/** The condition the API server adds to a pod created with scheduling gates. */
const schedulingGatedCondition = {
  type: 'PodScheduled',
  status: 'False',
  reason: 'SchedulingGated',
  message: 'Scheduling is blocked due to non-empty scheduling gates',
};

/** validateContainersOnlyForPod: images of real pods may not carry surrounding whitespace. */
function validateImagesForPod(spec: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ['containers', 'initContainers']) {
    list(spec[key]).forEach((c, i) => {
      const image = text(c.image);
      if (image && image !== image.trim()) errors.push(fieldErrors.invalid(`spec.${key}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }
  return errors;
}

export const podStrategy: ResourceStrategy = {
  defaults(pod) {
    const spec = section(pod, 'spec');
    defaultPodSpec(spec);
    defaultPodOnlyFields(spec);
  },
  prepareForCreate(pod, ctx) {
    const spec = section(pod, 'spec');
    const status: Record<string, unknown> = { phase: 'Pending', qosClass: podQosClass(spec) };
    if (list(spec.schedulingGates).length > 0) {
      status.conditions = [{ ...schedulingGatedCondition, lastProbeTime: null, lastTransitionTime: ctx.now.toISOString().replace(/\.\d{3}Z$/, 'Z') }];
    }
    pod.status = status;
    initGeneration(pod);
  },
  prepareForUpdate(pod, old) {
    keepOldStatus(pod, old);
    bumpGeneration(pod, old);
  },
  validate(pod) {
    const spec = read(pod, 'spec');
    const errors = [...validateCoreMeta(pod.metadata), ...validatePodSpec(spec, 'spec'), ...validateImagesForPod(spec)];
    if (list(spec.ephemeralContainers).length > 0 && !pod.metadata.resourceVersion) {
      errors.push(fieldErrors.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    }
    return errors;
  },
  validateUpdate(pod, old) {
    return validatePodSpecUpdate(read(pod, 'spec'), read(old, 'spec'));
  },
  table: { columns: podColumns, row: podRow },
  selectableFields(pod: KubeObject) {
    const spec = read(pod, 'spec');
    const status = read(pod, 'status');
    return {
      ...objectMetaFields(pod),
      'spec.nodeName': text(spec.nodeName),
      'spec.restartPolicy': text(spec.restartPolicy),
      'spec.schedulerName': text(spec.schedulerName),
      'spec.serviceAccountName': text(spec.serviceAccountName),
      'spec.hostNetwork': String(spec.hostNetwork === true),
      'status.phase': text(status.phase),
      'status.podIP': text(list(status.podIPs)[0]?.ip ?? status.podIP),
      'status.nominatedNodeName': text(status.nominatedNodeName),
    };
  },
};

export const podResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  resource: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  model: 'io.k8s.api.core.v1.Pod',
  subresources: {
    status: true,
    extra: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      { name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      { name: 'resize', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    ],
  },
  strategy: podStrategy,
};
