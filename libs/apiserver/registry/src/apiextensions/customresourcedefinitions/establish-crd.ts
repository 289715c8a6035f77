import type { KubeObject } from '@drydock/util';
import { list, record, text } from '../../apps/support/object-fields';

export interface CrdCondition {
  type: 'NamesAccepted' | 'Established';
  status: 'True';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface EstablishedCrdStatus {
  conditions: CrdCondition[];
  acceptedNames: Record<string, unknown>;
}

/** Go's metav1.Time serialization: RFC3339 with seconds precision. */
function rfc3339(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * What upstream's naming and establishing controllers write for a CRD without name conflicts:
 * status.acceptedNames = spec.names, NamesAccepted=True (NoConflicts) and Established=True
 * (InitialNamesAccepted). Conditions already True keep their lastTransitionTime. Pure: returns the
 * status fields to set; the caller merges them into status (keeping storedVersions).
 */
export function establishCrd(crd: KubeObject, now: Date): EstablishedCrdStatus {
  const names = record(record(crd.spec).names);
  const acceptedNames: Record<string, unknown> = { plural: text(names.plural), singular: text(names.singular), kind: text(names.kind), listKind: text(names.listKind) };
  if (list(names.shortNames).length) acceptedNames.shortNames = names.shortNames;
  if (list(names.categories).length) acceptedNames.categories = names.categories;
  const existing = list(record(crd.status).conditions).map(record);
  const since = (type: string) => {
    const old = existing.find((c) => c.type === type && c.status === 'True');
    return old && typeof old.lastTransitionTime === 'string' ? old.lastTransitionTime : rfc3339(now);
  };
  return {
    acceptedNames,
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: since('NamesAccepted'), reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: since('Established'), reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ],
  };
}
