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

/** Go's metav1.Time serialization: RFC3339 with seconds precision. */
function rfc3339(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * SetCRDCondition: a condition of the same type is updated in place (its lastTransitionTime kept
 * when the status does not change), otherwise the condition is appended.
 */
function setCondition(conditions: CrdCondition[], condition: CrdCondition): CrdCondition[] {
  const index = conditions.findIndex((c) => c.type === condition.type);
  if (index < 0) return [...conditions, condition];
  const existing = conditions[index];
  const lastTransitionTime = existing.status === condition.status && existing.lastTransitionTime ? existing.lastTransitionTime : condition.lastTransitionTime;
  return conditions.map((c, i) => (i === index ? { ...condition, lastTransitionTime } : c));
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
  const time = rfc3339(now);
  let conditions = list(record(crd.status).conditions).map((c) => ({ ...record(c) }) as unknown as CrdCondition);
  conditions = setCondition(conditions, { type: 'NamesAccepted', status: 'True', lastTransitionTime: time, reason: 'NoConflicts', message: 'no conflicts found' });
  conditions = setCondition(conditions, { type: 'Established', status: 'True', lastTransitionTime: time, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' });
  return { ...record(crd.status), acceptedNames, conditions };
}
