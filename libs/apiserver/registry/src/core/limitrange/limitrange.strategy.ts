import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { canonicalizeResourceList, parseQuantity, Quantity, quantityError } from '@drydock/kube';
import { isQualifiedName } from '@drydock/kube';
import { invalidEach } from '../../support/field-errors';
import { Json, record, records, stringMap, text } from '../../support/object-fields';
import { validateCoreMeta } from '../../support/object-meta-fields';

const limitTypes = ['Pod', 'Container', 'PersistentVolumeClaim'];

/** SetDefaults_LimitRangeItem: container defaults fall back to max, default requests to default then min. */
export function defaultLimitRangeItem(item: Json): void {
  for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) canonicalizeResourceList(item[key]);
  if (item.type !== 'Container') return;
  const fallback = (target: string, ...sources: string[]) => {
    const values = isPlainObject(item[target]) ? (item[target] as Json) : {};
    for (const source of sources) for (const [k, v] of Object.entries(record(item, source))) if (!(k in values)) values[k] = v;
    item[target] = values;
  };
  fallback('default', 'max');
  fallback('defaultRequest', 'default', 'min');
}

/** The ordering checks of ValidateLimitRange for one resource of one item. */
function orderErrors(item: Json, name: string, path: string): FieldError[] {
  const q = (key: string) => stringMap(item[key])[name];
  const v = (key: string) => (q(key) === undefined || quantityError(q(key)) ? undefined : parseQuantity(q(key)));
  const above = (a: Quantity | undefined, b: Quantity | undefined) => a !== undefined && b !== undefined && a.cmp(b) > 0;
  const [min, max, def, req] = [v('min'), v('max'), v('default'), v('defaultRequest')];
  const errors: FieldError[] = [];
  const check = (bad: boolean, field: string, shown: string, message: string) => bad && errors.push(fieldErrors.invalid(`${path}.${field}[${name}]`, q(shown), message));
  check(above(min, max), 'min', 'min', `min value ${q('min')} is greater than max value ${q('max')}`);
  check(above(min, req), 'defaultRequest', 'defaultRequest', `min value ${q('min')} is greater than default request value ${q('defaultRequest')}`);
  check(above(req, max), 'defaultRequest', 'defaultRequest', `default request value ${q('defaultRequest')} is greater than max value ${q('max')}`);
  check(above(req, def), 'defaultRequest', 'defaultRequest', `default request value ${q('defaultRequest')} is greater than default limit value ${q('default')}`);
  check(above(min, def), 'default', 'min', `min value ${q('min')} is greater than default value ${q('default')}`);
  check(above(def, max), 'default', 'max', `default value ${q('default')} is greater than max value ${q('max')}`);
  return errors;
}

/** ValidateLimitRange's rules for spec.limits (`base`: where the items sit, for Team's spec.limitRanges). */
export function validateLimits(limits: Json[], base = 'spec.limits'): FieldError[] {
  const seen = new Set<string>();
  return limits.flatMap((item, i) => {
    const path = `${base}[${i}]`;
    const type = text(item.type);
    const errors = invalidEach(`${path}.type`, type, isQualifiedName(type));
    if (!errors.length && !type.includes('/') && !limitTypes.includes(type)) errors.push(fieldErrors.invalid(`${path}.type`, type, 'must be a standard limit type or fully qualified'));
    if (seen.has(type)) errors.push(fieldErrors.duplicate(`${path}.type`, type));
    seen.add(type);
    const names = new Set(['min', 'max', 'default', 'defaultRequest'].flatMap((key) => Object.keys(record(item, key))));
    return [...errors, ...[...names].sort().flatMap((name) => orderErrors(item, name, path))];
  });
}

export const limitRangeStrategy: ResourceStrategy = {
  defaults(limitRange) {
    records(record(limitRange, 'spec').limits).forEach(defaultLimitRangeItem);
  },
  validate: (limitRange) => [...validateCoreMeta(limitRange.metadata), ...validateLimits(records(record(limitRange, 'spec').limits))],
};
