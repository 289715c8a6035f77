import type { KubeObject } from '@drydock/util';
import { num, obj, str } from './kube-fields';

export interface EventView {
  uid: string;
  namespace?: string;
  type: string;
  reason?: string;
  message?: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  involvedObject: { apiVersion?: string; kind: string; namespace?: string; name: string; uid?: string };
  source?: string;
}

/** A core/v1 or events.k8s.io/v1 Event as the dashboard shows it; timestamps fall back as kubectl's LAST SEEN does. */
export function presentEvent(event: KubeObject): EventView {
  const e = event as unknown as Record<string, unknown>;
  const involved = obj(e.involvedObject ?? e.regarding);
  const series = obj(e.series);
  const source = obj(e.source);
  const created = event.metadata.creationTimestamp;
  const component = str(e.reportingController) || str(e.reportingComponent) || str(source.component);
  const host = str(e.reportingInstance) || str(source.host);
  return {
    uid: event.metadata.uid ?? `${event.metadata.namespace}/${event.metadata.name}`,
    namespace: event.metadata.namespace,
    type: str(e.type) || 'Normal',
    reason: str(e.reason),
    message: str(e.message) ?? str(e.note),
    count: num(series.count) || num(e.count) || 1,
    firstTimestamp: str(e.firstTimestamp) || str(e.eventTime) || created,
    lastTimestamp: str(series.lastObservedTime) || str(e.lastTimestamp) || str(e.eventTime) || created,
    involvedObject: { apiVersion: str(involved.apiVersion), kind: str(involved.kind) ?? '', namespace: str(involved.namespace), name: str(involved.name) ?? '', uid: str(involved.uid) },
    source: component ? (host && host !== component ? `${component}, ${host}` : component) : undefined,
  };
}

/** Newest first by last timestamp. */
export function byNewest(a: EventView, b: EventView): number {
  return (b.lastTimestamp ?? '').localeCompare(a.lastTimestamp ?? '');
}
