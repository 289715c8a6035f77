import { kubeTime, podQosClass } from '@drydock/kube';
import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { defaultPodOnlyFields, defaultPodSpec, validatePodSpec } from '../pod-spec';
import { podDeletion } from './pod-deletion';
import { podColumns, podRow } from './pod-table';
import { validatePodSpecUpdate } from './pod-update-validation';
import { startGeneration } from '../../support/generation';
import { ensureRecord, record, records, text } from '../../support/object-fields';
import { keepStatusForUpdate } from '../../support/status-subresource';
import { objectMetaFields, validateCoreMeta } from '../../support/object-meta-fields';

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
    records(spec[key]).forEach((c, i) => {
      const image = text(c.image);
      if (image && image !== image.trim()) errors.push(fieldErrors.invalid(`spec.${key}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }
  return errors;
}

export const podStrategy: ResourceStrategy = {
  defaults(pod) {
    const spec = ensureRecord(pod, 'spec');
    defaultPodSpec(spec);
    defaultPodOnlyFields(spec);
  },
  prepareForCreate(pod, ctx) {
    const spec = ensureRecord(pod, 'spec');
    const status: Record<string, unknown> = { phase: 'Pending', qosClass: podQosClass(spec) };
    if (records(spec.schedulingGates).length > 0) {
      status.conditions = [{ ...schedulingGatedCondition, lastProbeTime: null, lastTransitionTime: kubeTime(ctx.now) }];
    }
    pod.status = status;
    startGeneration(pod);
  },
  prepareForUpdate: (pod, old) => keepStatusForUpdate(pod, old),
  validate(pod) {
    const spec = record(pod, 'spec');
    const errors = [...validateCoreMeta(pod.metadata), ...validatePodSpec(spec, 'spec'), ...validateImagesForPod(spec)];
    if (records(spec.ephemeralContainers).length > 0 && !pod.metadata.resourceVersion) {
      errors.push(fieldErrors.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    }
    return errors;
  },
  validateUpdate(pod, old) {
    return validatePodSpecUpdate(record(pod, 'spec'), record(old, 'spec'));
  },
  table: { columns: podColumns, row: podRow },
  deletion: podDeletion,
  selectableFields(pod: KubeObject) {
    const spec = record(pod, 'spec');
    const status = record(pod, 'status');
    return {
      ...objectMetaFields(pod),
      'spec.nodeName': text(spec.nodeName),
      'spec.restartPolicy': text(spec.restartPolicy),
      'spec.schedulerName': text(spec.schedulerName),
      'spec.serviceAccountName': text(spec.serviceAccountName),
      'spec.hostNetwork': String(spec.hostNetwork === true),
      'status.phase': text(status.phase),
      'status.podIP': text(records(status.podIPs)[0]?.ip ?? status.podIP),
      'status.nominatedNodeName': text(status.nominatedNodeName),
    };
  },
};
