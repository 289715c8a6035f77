import type { KubeObject } from '@drydock/util';
import { KubeClient, resources } from '@drydock/client';
import type { EventSink } from '../controller-context';
import { kubeTime } from './conditions';

/**
 * A plain core/v1 Event writer (one Event per call, fire-and-forget), for when no aggregating
 * recorder is supplied. Event names follow client-go: `<object>.<unique hex>`.
 */
export function createEventSink(client: KubeClient, component: string, log: (message: string) => void = () => undefined): EventSink {
  return {
    event(object: KubeObject, type, reason, message) {
      const now = kubeTime(new Date());
      const namespace = object.metadata.namespace || 'default';
      const event = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${object.metadata.name}.${(Date.now() * 1000 + Math.floor(Math.random() * 1000)).toString(16)}`, namespace },
        involvedObject: { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace, uid: object.metadata.uid, resourceVersion: object.metadata.resourceVersion },
        reason,
        message,
        type,
        source: { component },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        reportingComponent: component,
        reportingInstance: '',
      };
      client.create(resources.events, namespace, event as KubeObject).catch((error: Error) => log(`event ${reason} on ${object.metadata.name} not recorded: ${error.message}`));
    },
  };
}
