import { kubeTime, setStatusCondition } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { list, record, text } from '../../support/object-fields';

export interface CrdCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** The CRD status after establishing: the old status with acceptedNames and the two conditions set. */
export interface EstablishedCrdStatus {
  conditions: CrdCondition[];
  acceptedNames: Record<string, unknown>;
  storedVersions?: string[];
  [key: string]: unknown;
}



/**
 * What upstream's naming and establishing controllers write for a CRD without name conflicts:
 * status.acceptedNames = spec.names, NamesAccepted=True (NoConflicts) and Established=True
 * (InitialNamesAccepted). Pure: returns the whole new status (storedVersions and other conditions kept),
 * ready for a `/status` update.
 */
export function establishCrd(crd: KubeObject, now: Date): EstablishedCrdStatus {
  const names = record(record(crd.spec).names);
  const acceptedNames: Record<string, unknown> = { plural: text(names.plural), singular: text(names.singular), kind: text(names.kind), listKind: text(names.listKind) };
  if (list(names.shortNames).length) acceptedNames.shortNames = names.shortNames;
  if (list(names.categories).length) acceptedNames.categories = names.categories;
  const time = kubeTime(now);
  let conditions = list(record(crd.status).conditions).map((c) => ({ ...record(c) }) as unknown as CrdCondition);
  conditions = setStatusCondition(conditions, { type: 'NamesAccepted', status: 'True', lastTransitionTime: time, reason: 'NoConflicts', message: 'no conflicts found' }, now);
  conditions = setStatusCondition(conditions, { type: 'Established', status: 'True', lastTransitionTime: time, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }, now);
  return { ...record(crd.status), acceptedNames, conditions };
}
