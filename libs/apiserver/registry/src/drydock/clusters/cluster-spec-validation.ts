import { isDns1123Label, isDns1123Subdomain } from '@drydock/kube';
import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { validateTaints } from '../../core/node/node.strategy';
import { validateHard } from '../../core/resourcequota/resourcequota.strategy';
import { validateLabels } from '../../meta/object-meta-validation';
import { invalidEach } from '../../support/field-errors';
import { Json, record, records, text } from '../../support/object-fields';

/** The nodes a Cluster gets when its spec names neither `nodes` nor `nodePools` (as `npm start`). */
export const defaultClusterNodes = 3;

/** What one sandbox may hold when its spec sets no limit, so that one cluster cannot starve the machine. */
export const defaultClusterLimits = { objects: 10000, nodes: 20, pods: 500 };

/** The most nodes one pool may ask for (the node simulator runs them all in one process). */
const maxPoolNodes = 100;

function nonNegativeInteger(value: unknown, path: string, max?: number): FieldError[] {
  if (value === undefined) return [];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return [fieldErrors.invalid(path, value, 'must be greater than or equal to 0')];
  if (max !== undefined && value > max) return [fieldErrors.invalid(path, value, `must be less than or equal to ${max}`)];
  return [];
}

function validateOwner(owner: Json): FieldError[] {
  const team = text(owner.team);
  const user = text(owner.user);
  if (!team && !user) return [fieldErrors.required('spec.owner', 'exactly one of team or user must be set')];
  if (team && user) return [fieldErrors.forbidden('spec.owner', 'exactly one of team or user must be set')];
  return team ? invalidEach('spec.owner.team', team, isDns1123Subdomain(team)) : invalidEach('spec.owner.user', user, isDns1123Subdomain(user));
}

function validateNodePools(spec: Json): FieldError[] {
  if (spec.nodes !== undefined && spec.nodePools !== undefined) return [fieldErrors.forbidden('spec.nodePools', 'may not be set together with spec.nodes')];
  const seen = new Set<string>();
  return records(spec.nodePools).flatMap((pool, i) => {
    const path = `spec.nodePools[${i}]`;
    const name = text(pool.name);
    const errors = name ? invalidEach(`${path}.name`, name, isDns1123Label(name)) : [fieldErrors.required(`${path}.name`)];
    if (name && seen.has(name)) errors.push(fieldErrors.duplicate(`${path}.name`, name));
    seen.add(name);
    errors.push(...nonNegativeInteger(pool.count, `${path}.count`, maxPoolNodes));
    if (isPlainObject(pool.capacity)) errors.push(...validateHard(pool.capacity, `${path}.capacity`));
    errors.push(...validateLabels(pool.labels, `${path}.labels`), ...validateTaints(pool.taints, `${path}.taints`));
    return errors;
  });
}

function validateClockScale(value: unknown): FieldError[] {
  if (value === undefined) return [];
  return typeof value === 'number' && value > 0 && Number.isFinite(value) ? [] : [fieldErrors.invalid('spec.clockScale', value, 'must be greater than 0')];
}

/** Every field error of a Cluster's spec, with paths. */
export function validateClusterSpec(spec: Json): FieldError[] {
  const limits = record(spec.limits);
  const source = record(spec.source);
  return [
    ...validateOwner(record(spec.owner)),
    ...nonNegativeInteger(spec.nodes, 'spec.nodes', maxPoolNodes),
    ...validateNodePools(spec),
    ...validateClockScale(spec.clockScale),
    ...['objects', 'nodes', 'pods'].flatMap((field) => nonNegativeInteger(limits[field], `spec.limits.${field}`)),
    ...(spec.source !== undefined && !text(source.snapshot) ? [fieldErrors.required('spec.source.snapshot')] : []),
  ];
}

/** The node pools a Cluster asks for: `nodePools` as written, else one pool `default` of `nodes` (3 when unset). */
export function clusterNodePools(spec: unknown): { name: string; count: number; capacity?: Json; labels?: Json; taints?: Json[] }[] {
  const fields = record(spec);
  if (Array.isArray(fields.nodePools)) {
    return records(fields.nodePools).map((pool) => ({ ...pool, name: text(pool.name), count: typeof pool.count === 'number' ? pool.count : 0 }));
  }
  return [{ name: 'default', count: typeof fields.nodes === 'number' ? fields.nodes : defaultClusterNodes }];
}

/** The limits of a Cluster, each defaulted. */
export function clusterLimits(spec: unknown): { objects: number; nodes: number; pods: number } {
  const limits = record(record(spec).limits);
  const pick = (field: keyof typeof defaultClusterLimits) => (typeof limits[field] === 'number' ? (limits[field] as number) : defaultClusterLimits[field]);
  return { objects: pick('objects'), nodes: pick('nodes'), pods: pick('pods') };
}
