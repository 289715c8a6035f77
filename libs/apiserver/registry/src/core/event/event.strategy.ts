import type { KubeObject } from '@drydock/util';
import type { ResourceStrategy, StrategyContext } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { validateEvent } from './event-validation';
import { fieldDescriptions } from '../field-descriptions';
import { record, text } from '../../support/object-fields';
import { column, nameColumn } from '../../support/table-columns';
import { objectMetaFields } from '../../support/object-meta-fields';

/** formatEventSource: component (or reportingController), then host (or reportingInstance). */
function eventSource(event: KubeObject): string {
  const source = record(event, 'source');
  const component = text(source.component) || text(event.reportingComponent);
  const instance = text(source.host) || text(event.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

/** printEvent, always with the wide cells. */
function eventRow(event: KubeObject, ctx: StrategyContext): unknown[] {
  const firstSeen = text(event.firstTimestamp) ? timestampSince(event.firstTimestamp, ctx.now) : timestampSince(event.eventTime, ctx.now);
  let lastSeen = text(event.lastTimestamp) ? timestampSince(event.lastTimestamp, ctx.now) : firstSeen;
  let count = Number(event.count ?? 0);
  const series = record(event, 'series');
  if (event.series) {
    lastSeen = timestampSince(series.lastObservedTime, ctx.now);
    count = Number(series.count ?? 0);
  } else if (count === 0) {
    count = 1;
  }
  const involved = record(event, 'involvedObject');
  const kind = text(involved.kind).toLowerCase();
  const target = text(involved.name) ? `${kind}/${text(involved.name)}` : kind;
  return [lastSeen, text(event.type), text(event.reason), target, text(involved.fieldPath), eventSource(event), text(event.message).trim(), firstSeen, count, event.metadata.name ?? ''];
}

export const eventStrategy: ResourceStrategy = {
  validate: (event) => validateEvent(event, event.metadata.namespace ?? ''),
  table: {
    columns: [
      column('Last Seen', 'string', fieldDescriptions['Event.lastTimestamp']),
      column('Type', 'string', fieldDescriptions['Event.type']),
      column('Reason', 'string', fieldDescriptions['Event.reason']),
      column('Object', 'string', fieldDescriptions['Event.involvedObject']),
      column('Subobject', 'string', fieldDescriptions['ObjectReference.fieldPath'], 1),
      column('Source', 'string', fieldDescriptions['Event.source'], 1),
      column('Message', 'string', fieldDescriptions['Event.message']),
      column('First Seen', 'string', fieldDescriptions['Event.firstTimestamp'], 1),
      column('Count', 'string', fieldDescriptions['Event.count'], 1),
      { ...nameColumn, priority: 1 },
    ],
    row: eventRow,
  },
  selectableFields(event) {
    const involved = record(event, 'involvedObject');
    return {
      ...objectMetaFields(event),
      'involvedObject.kind': text(involved.kind),
      'involvedObject.namespace': text(involved.namespace),
      'involvedObject.name': text(involved.name),
      'involvedObject.uid': text(involved.uid),
      'involvedObject.apiVersion': text(involved.apiVersion),
      'involvedObject.resourceVersion': text(involved.resourceVersion),
      'involvedObject.fieldPath': text(involved.fieldPath),
      reason: text(event.reason),
      reportingComponent: text(event.reportingComponent),
      source: text(record(event, 'source').component) || text(event.reportingComponent),
      type: text(event.type),
    };
  },
};
