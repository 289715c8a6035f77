import { goDuration, kubeMicroTime, kubeTime, matchesLabels, parseFieldSelector, parseLabelSelector, type FieldRequirement } from '@drydock/kube';
import { type ComputedCall, type ComputedList, type ComputedResourceRest, type ResourceDefinition, apiVersionOf, supportedFieldLabels } from '@drydock/registry';
import type { AuditEvent, Prisma, PrismaClient } from '@drydock/storage';
import { KubeObject, StatusError } from '@drydock/util';
import { decodeContinue, encodeContinue } from '../rest/continue-token';
import { parseLimit } from '../rest/list.handler';

type Where = Prisma.AuditEventWhereInput;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A condition no row meets (a value the column cannot hold, such as a code that is not a number). */
const none: Where = { id: { lt: 0n } };

/** `=` matches the value, `!=` everything else; a text column holds '' where the field is absent. */
const text = (column: 'userName' | 'verb' | 'apiGroup' | 'resource' | 'subresource' | 'name' | 'namespace') => (op: string, value: string): Where =>
  op === '=' ? { [column]: value } : { NOT: { [column]: value } };

/**
 * Each field label of auditevents (the strategy's selectableFields) as a condition on the audit table,
 * with upstream's selector semantics: a missing field reads as "".
 */
const fieldConditions: Record<string, (op: string, value: string) => Where> = {
  'metadata.name': (op, value) => (uuid.test(value) ? (op === '=' ? { auditId: value.toLowerCase() } : { NOT: { auditId: value.toLowerCase() } }) : op === '=' ? none : {}),
  'metadata.namespace': text('namespace'),
  'user.username': text('userName'),
  // The one nullable column: NOT (x = v) would also drop the NULL rows (SQL's unknown), which read as "".
  'impersonatedUser.username': (op, value) => {
    if (value === '') return op === '=' ? { impersonatedUserName: null } : { NOT: { impersonatedUserName: null } };
    return op === '=' ? { impersonatedUserName: value } : { OR: [{ impersonatedUserName: null }, { NOT: { impersonatedUserName: value } }] };
  },
  verb: text('verb'),
  'objectRef.apiGroup': text('apiGroup'),
  'objectRef.resource': text('resource'),
  'objectRef.subresource': text('subresource'),
  'objectRef.name': text('name'),
  'responseStatus.code': (op, value) => {
    const code = /^\d{1,3}$/.test(value) ? Number(value) : undefined;
    if (code === undefined) return op === '=' ? none : {};
    return op === '=' ? { code } : { NOT: { code } };
  },
};


/** Upstream's objectRef: absent for a non-resource request (`/version`, `/healthz`). */
function objectRef(row: AuditEvent): Record<string, string> | undefined {
  if (!row.resource) return undefined;
  const ref: Record<string, string> = { resource: row.resource };
  if (row.namespace) ref.namespace = row.namespace;
  if (row.name) ref.name = row.name;
  if (row.apiGroup) ref.apiGroup = row.apiGroup;
  if (row.subresource) ref.subresource = row.subresource;
  return ref;
}

/**
 * One row of the audit table as drydock.dev/v1 AuditEvent: upstream's audit.k8s.io/v1 Event at the
 * Metadata level (its field names), with metadata for kubectl (the auditID as the name) and the latency.
 * The table holds no bodies, so neither does the event.
 */
export function toAuditEvent(def: ResourceDefinition, row: AuditEvent): KubeObject {
  const metadata: KubeObject['metadata'] = { name: row.auditId, ...(row.namespace ? { namespace: row.namespace } : {}), creationTimestamp: kubeTime(row.time) };
  const event: Record<string, unknown> = { kind: def.kind, apiVersion: apiVersionOf(def), metadata, level: 'Metadata', auditID: row.auditId, stage: 'ResponseComplete', requestURI: row.requestUri, verb: row.verb };
  event.user = { username: row.userName, groups: row.groups };
  if (row.impersonatedUserName !== null) event.impersonatedUser = { username: row.impersonatedUserName, groups: row.impersonatedGroups };
  if (row.sourceIps.length) event.sourceIPs = row.sourceIps;
  if (row.userAgent) event.userAgent = row.userAgent;
  const ref = objectRef(row);
  if (ref) event.objectRef = ref;
  event.responseStatus = { metadata: {}, code: row.code };
  event.requestReceivedTimestamp = kubeMicroTime(row.receivedAt);
  event.stageTimestamp = kubeMicroTime(row.time);
  event.latency = goDuration(row.latencyMs);
  return event as KubeObject;
}

/**
 * The REST storage of auditevents: get and list read the audit table (never the object store), newest
 * first, with field selectors as SQL conditions and limit/continue as keyset pages on the row id.
 * Authorization already ran: a list in namespace X needs `list auditevents` in X; across namespaces it
 * needs cluster scope, and only then are events of cluster-scoped requests (namespace '') included.
 */
export class AuditEventRest implements ComputedResourceRest {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly def: ResourceDefinition,
  ) {}

  async get(call: ComputedCall): Promise<KubeObject> {
    const row = uuid.test(call.name) ? await this.prisma.auditEvent.findFirst({ where: { cluster: call.cluster, namespace: call.namespace, auditId: call.name.toLowerCase() } }) : null;
    if (!row) throw StatusError.notFound({ group: this.def.group, resource: this.def.resource }, call.name);
    return toAuditEvent(this.def, row);
  }

  async list(call: ComputedCall): Promise<ComputedList> {
    const labelSelector = call.query.get('labelSelector');
    // Audit events carry no labels: a selector that needs one matches none.
    if (labelSelector && !matchesLabels(parseLabelSelector(labelSelector), {})) return { items: [] };
    const fieldSelector = call.query.get('fieldSelector');
    const fields: FieldRequirement[] = fieldSelector ? parseFieldSelector(fieldSelector, supportedFieldLabels(this.def)) : [];
    const continueFrom = call.query.get('continue') ? decodeContinue(call.query.get('continue')!).revision : undefined;
    // As every list's (list.handler.ts): past int64 a 400; it was given to Prisma and answered 500 (found by fuzzing).
    const limit = parseLimit(call.query.get('limit'));
    const where: Where = {
      AND: [{ cluster: call.cluster }, call.namespace ? { namespace: call.namespace } : {}, continueFrom !== undefined ? { id: { lt: BigInt(continueFrom) } } : {}, ...fields.map(({ field, operator, value }) => fieldConditions[field](operator, value))],
    };
    const rows = await this.prisma.auditEvent.findMany({ where, orderBy: { id: 'desc' }, ...(limit ? { take: limit + 1 } : {}) });
    const more = limit !== undefined && rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    // The token carries the id of the last row returned (newest first: the next page holds older rows).
    const next = more ? encodeContinue({ revision: Number(page[page.length - 1].id), namespace: '', name: '' }) : undefined;
    return { items: page.map((row) => toAuditEvent(this.def, row)), ...(next ? { continue: next } : {}) };
  }
}
