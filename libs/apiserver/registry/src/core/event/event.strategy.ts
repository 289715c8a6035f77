import type { KubeObject } from '@drydock/util';
import type { ResourceDefinition, ResourceStrategy, StrategyContext } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { column, nameColumn } from '../../meta/table-columns';
import { objectMetaFields, read, text } from '../core-strategy-helpers';
import { validateEvent } from './event-validation';
import { fieldDescriptions } from '../field-descriptions';

/** formatEventSource: component (or reportingController), then host (or reportingInstance). */
function eventSource(event: KubeObject): string {
  const source = read(event, 'source');
  const component = text(source.component) || text(event.reportingComponent);
  const instance = text(source.host) || text(event.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

/** printEvent, always with the wide cells. */
function eventRow(event: KubeObject, ctx: StrategyContext): unknown[] {
  const firstSeen = text(event.firstTimestamp) ? timestampSince(event.firstTimestamp, ctx.now) : timestampSince(event.eventTime, ctx.now);
  let lastSeen = text(event.lastTimestamp) ? timestampSince(event.lastTimestamp, ctx.now) : firstSeen;
  let count = Number(event.count ?? 0);
  const series = read(event, 'series');
  if (event.series) {
    lastSeen = timestampSince(series.lastObservedTime, ctx.now);
    count = Number(series.count ?? 0);
  } else if (count === 0) {
    count = 1;
  }
  const involved = read(event, 'involvedObject');
  const kind = text(involved.kind).toLowerCase();
  const target = text(involved.name) ? `${kind}/${text(involved.name)}` : kind;
  return [lastSeen, text(event.type), text(event.reason), target, text(involved.fieldPath), eventSource(event), text(event.message).trim(), firstSeen, count, event.metadata.name ?? ''];
}

export const eventStrategy: ResourceStrategy = {
  validate: (event) => validateEvent(event, event.metadata.namespace ?? ''),
  table: {
    columns: [
      column('Last Seen', fieldDescriptions['Event.lastTimestamp']),
      column('Type', fieldDescriptions['Event.type']),
      column('Reason', fieldDescriptions['Event.reason']),
      column('Object', fieldDescriptions['Event.involvedObject']),
      column('Subobject', fieldDescriptions['ObjectReference.fieldPath'], { wide: true }),
      column('Source', fieldDescriptions['Event.source'], { wide: true }),
      column('Message', fieldDescriptions['Event.message']),
      column('First Seen', fieldDescriptions['Event.firstTimestamp'], { wide: true }),
      column('Count', fieldDescriptions['Event.count'], { wide: true }),
      { ...nameColumn, priority: 1 },
    ],
    row: eventRow,
  },
  selectableFields(event) {
    const involved = read(event, 'involvedObject');
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
      source: text(read(event, 'source').component) || text(event.reportingComponent),
      type: text(event.type),
    };
  },
};

export const eventResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Event',
  resource: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  model: 'io.k8s.api.core.v1.Event',
  strategy: eventStrategy,
};
