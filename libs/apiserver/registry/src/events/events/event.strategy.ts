import type { KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { validateEventCreate, validateEventUpdate } from './event-validation';
import { record, text } from '../../support/object-fields';
import { column, nameColumn, timestampSince } from '../../support/table-columns';

/** The timestamps and count printEvent shows, from the events.k8s.io/v1 fields. */
function timing(event: KubeObject, now: Date): { first: string; last: string; count: number } {
  const first = event.deprecatedFirstTimestamp ? timestampSince(event.deprecatedFirstTimestamp, now) : timestampSince(event.eventTime, now);
  let last = event.deprecatedLastTimestamp ? timestampSince(event.deprecatedLastTimestamp, now) : first;
  let count = typeof event.deprecatedCount === 'number' ? event.deprecatedCount : 0;
  if (event.series != null) {
    last = timestampSince(record(event.series).lastObservedTime, now);
    count = typeof record(event.series).count === 'number' ? (record(event.series).count as number) : 0;
  } else if (count === 0) {
    count = 1;
  }
  return { first, last, count };
}

/** printEvent (the same printer as core/v1 events): `kind/name` of the regarding object, source from the reporting fields. */
function row(event: KubeObject, ctx: { now: Date }): unknown[] {
  const regarding = record(event.regarding);
  const kind = text(regarding.kind).toLowerCase();
  const target = text(regarding.name) ? `${kind}/${text(regarding.name)}` : kind;
  const source = record(event.deprecatedSource);
  const component = text(source.component) || text(event.reportingController);
  const instance = text(source.host) || text(event.reportingInstance);
  const { first, last, count } = timing(event, ctx.now);
  return [last, text(event.type), text(event.reason), target, text(regarding.fieldPath), instance ? `${component}, ${instance}` : component, text(event.note).trim(), first, count, event.metadata.name];
}

/** Field selectors of events (pkg/registry/core/event/strategy.go ToSelectableFields), from the v1 fields. */
function selectableFields(event: KubeObject): Record<string, string> {
  const regarding = record(event.regarding);
  const fields: Record<string, string> = {};
  for (const key of ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']) fields[`involvedObject.${key}`] = text(regarding[key]);
  return { ...fields, reason: text(event.reason), reportingComponent: text(event.reportingController), source: text(record(event.deprecatedSource).component), type: text(event.type) };
}

/** events.k8s.io/v1 Event. Stored separately from core/v1 events (no shared storage or conversion). */
export const eventStrategy: ResourceStrategy = {
  validate: validateEventCreate,
  validateUpdate: validateEventUpdate,
  table: {
    columns: [
      column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
      column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
      column('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
      column('Object', 'string', 'The object that this event is about.'),
      column('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].', 1),
      column('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
      column('Message', 'string', 'A human-readable description of the status of this operation.'),
      column('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
      column('Count', 'string', 'The number of times this event has occurred.', 1),
      { ...nameColumn, priority: 1 },
    ],
    row,
  },
  selectableFields,
};
