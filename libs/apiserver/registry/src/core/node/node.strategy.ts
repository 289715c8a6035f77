import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy, StrategyContext } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { canonicalizeResourceList } from '@drydock/kube';
import { isLabelValue, isQualifiedName } from '@drydock/kube';
import { invalidEach } from '../../support/field-errors';
import { fieldDescriptions } from '../field-descriptions';
import { ensureRecord, record, records, text } from '../../support/object-fields';
import { keepOldStatus } from '../../support/status-subresource';
import { ageColumn, column, nameColumn } from '../../support/table-columns';
import { validateCoreMeta } from '../../support/object-meta-fields';

const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateNodeTaints: key, value, effect, and unique (key, effect) pairs. */
export function validateTaints(taints: unknown, base = 'spec.taints'): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  records(taints).forEach((taint, i) => {
    const path = `${base}[${i}]`;
    const key = text(taint.key);
    errors.push(...invalidEach(`${path}.key`, key, isQualifiedName(key)));
    const valueErrors = isLabelValue(text(taint.value));
    if (valueErrors.length) errors.push(fieldErrors.invalid(`${path}.value`, text(taint.value), valueErrors.join(';')));
    const effect = text(taint.effect);
    if (!effect) errors.push(fieldErrors.required(`${path}.effect`));
    else if (!taintEffects.includes(effect)) errors.push(fieldErrors.notSupported(`${path}.effect`, effect, taintEffects));
    if (seen.has(`${key}:${effect}`)) errors.push({ ...fieldErrors.duplicate(path, taint), detail: 'taints must be unique by key and effect pair' });
    seen.add(`${key}:${effect}`);
  });
  return errors;
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and the legacy `kubernetes.io/role` label. */
function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/') && key.length > 'node-role.kubernetes.io/'.length) roles.add(key.slice('node-role.kubernetes.io/'.length));
    else if (key === 'kubernetes.io/role' && value) roles.add(value);
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeStatus(node: KubeObject): string {
  const ready = records(record(node, 'status').conditions).find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (record(node, 'spec').unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

function address(node: KubeObject, type: string): string {
  return text(records(record(node, 'status').addresses).find((a) => a.type === type)?.address) || '<none>';
}

function nodeRow(node: KubeObject, ctx: StrategyContext): unknown[] {
  const info = record(node, 'status', 'nodeInfo');
  return [
    node.metadata.name ?? '',
    nodeStatus(node),
    nodeRoles(node),
    timestampSince(node.metadata.creationTimestamp, ctx.now),
    text(info.kubeletVersion),
    address(node, 'InternalIP'),
    address(node, 'ExternalIP'),
    text(info.osImage) || '<unknown>',
    text(info.kernelVersion) || '<unknown>',
    text(info.containerRuntimeVersion) || '<unknown>',
  ];
}

export const nodeStrategy: ResourceStrategy = {
  /** SetDefaults_NodeStatus: allocatable defaults to capacity. */
  defaults(node) {
    const status = record(node, 'status');
    canonicalizeResourceList(status.capacity);
    canonicalizeResourceList(status.allocatable);
    if (status.allocatable === undefined && status.capacity !== undefined) ensureRecord(node, 'status').allocatable = { ...record(status, 'capacity') };
  },
  prepareForUpdate: keepOldStatus,
  validate: (node) => [...validateCoreMeta(node.metadata), ...validateTaints(record(node, 'spec').taints)],
  table: {
    columns: [
      nameColumn,
      column('Status', 'string', 'The status of the node'),
      column('Roles', 'string', 'The roles of the node'),
      ageColumn,
      column('Version', 'string', fieldDescriptions['NodeSystemInfo.kubeletVersion']),
      column('Internal-IP', 'string', fieldDescriptions['NodeStatus.addresses'], 1),
      column('External-IP', 'string', fieldDescriptions['NodeStatus.addresses'], 1),
      column('OS-Image', 'string', fieldDescriptions['NodeSystemInfo.osImage'], 1),
      column('Kernel-Version', 'string', fieldDescriptions['NodeSystemInfo.kernelVersion'], 1),
      column('Container-Runtime', 'string', fieldDescriptions['NodeSystemInfo.containerRuntimeVersion'], 1),
    ],
    row: nodeRow,
  },
  selectableFields: (node) => ({ 'metadata.name': node.metadata.name ?? '', 'spec.unschedulable': String(record(node, 'spec').unschedulable === true) }),
};
