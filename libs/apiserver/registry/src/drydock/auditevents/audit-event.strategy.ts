import type { KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { list, record, text } from '../../support/object-fields';
import { age, column, nameColumn } from '../../support/table-columns';

/**
 * The field labels `fieldSelector` accepts on auditevents, each read from the event as upstream's
 * audit.k8s.io/v1 Event names the field. The audit storage filters the table by them (it maps each
 * label to a column); this list is the one place that says which exist.
 */
export function auditEventFields(event: KubeObject): Record<string, string> {
  const objectRef = record(event.objectRef);
  const code = record(event.responseStatus).code;
  return {
    'user.username': text(record(event.user).username),
    'impersonatedUser.username': text(record(event.impersonatedUser).username),
    verb: text(event.verb),
    'objectRef.apiGroup': text(objectRef.apiGroup),
    'objectRef.resource': text(objectRef.resource),
    'objectRef.subresource': text(objectRef.subresource),
    'objectRef.name': text(objectRef.name),
    'responseStatus.code': typeof code === 'number' ? String(code) : '',
  };
}

/** `deployments/scale.apps`: the resource as `kubectl get` names it, with its subresource; `<none>` for a non-resource URL. */
function resourceCell(event: KubeObject): string {
  const ref = record(event.objectRef);
  if (!text(ref.resource)) return '<none>';
  const resource = text(ref.subresource) ? `${text(ref.resource)}/${text(ref.subresource)}` : text(ref.resource);
  return text(ref.apiGroup) ? `${resource}.${text(ref.apiGroup)}` : resource;
}

const orNone = (value: string) => value || '<none>';

/**
 * drydock.dev/v1 AuditEvent: one request of the audit log, read-only (get and list), computed from the
 * audit table by the API server. Namespaced by the namespace of the object the request addressed, so
 * RBAC scopes who sees which events (a team admin: their namespaces; a cluster-wide reader: all).
 */
export const auditEventStrategy: ResourceStrategy = {
  validate: () => [],
  selectableFields: auditEventFields,
  table: {
    columns: [
      column('Age', 'string', 'Time since the request completed (stageTimestamp).'),
      column('User', 'string', 'The authenticated user (user.username); `as NAME` when it impersonated another.'),
      column('Verb', 'string', 'The Kubernetes verb of the request.'),
      column('Resource', 'string', 'The resource and subresource, with its API group.'),
      column('Object', 'string', 'Name of the object the request addressed.'),
      column('Code', 'integer', 'The HTTP status code of the response.'),
      column('Latency', 'string', 'How long the API server took to answer.'),
      { ...nameColumn, description: 'The audit ID of the request (metadata.name).', priority: 1 },
      column('Source IPs', 'string', 'Where the request came from.', 1),
      column('User Agent', 'string', 'The client that sent the request.', 1),
    ],
    row: (event, ctx) => {
      const impersonated = text(record(event.impersonatedUser).username);
      const user = orNone(text(record(event.user).username)) + (impersonated ? ` as ${impersonated}` : '');
      const code = record(event.responseStatus).code;
      return [
        age({ metadata: { creationTimestamp: text(event.stageTimestamp) } }, ctx.now),
        user,
        text(event.verb),
        resourceCell(event),
        orNone(text(record(event.objectRef).name)),
        typeof code === 'number' ? code : 0,
        orNone(text(event.latency)),
        event.metadata.name ?? '',
        orNone(list(event.sourceIPs).map(text).join(',')),
        orNone(text(event.userAgent)),
      ];
    },
  },
};
