import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { fieldImmutable } from '../../meta/field-validation';
import { isQualifiedName } from '@drydock/kube';
import { record, text } from '../../support/object-fields';
import { invalidEach } from '../../support/field-errors';

const reportingInstanceLimit = 128;
const actionLimit = 128;
const reasonLimit = 128;
const noteLimit = 1024;

function limited(value: unknown, path: string, limit: number): FieldError[] {
  return text(value).length > limit ? [fieldErrors.invalid(path, '', `can have at most ${limit} characters`)] : [];
}

function validateReporting(event: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const controller = text(event.reportingController);
  if (!controller) errors.push(fieldErrors.required('reportingController', ''));
  errors.push(...invalidEach('reportingController', controller, isQualifiedName(controller)));
  if (!text(event.reportingInstance)) errors.push(fieldErrors.required('reportingInstance', ''));
  errors.push(...limited(event.reportingInstance, 'reportingInstance', reportingInstanceLimit));
  if (!text(event.action)) errors.push(fieldErrors.required('action', ''));
  errors.push(...limited(event.action, 'action', actionLimit));
  if (!text(event.reason)) errors.push(fieldErrors.required('reason', ''));
  errors.push(...limited(event.reason, 'reason', reasonLimit));
  return [...errors, ...limited(event.note, 'message', noteLimit)];
}

/**
 * ValidateEventCreate for events.k8s.io/v1 (strict validation). As upstream, paths use the internal
 * (core) field names: `message` for note, `count` for deprecatedCount, and so on.
 */
export function validateEventCreate(event: KubeObject): FieldError[] {
  const errors = validateReporting(event);
  const regardingNamespace = text(record(event.regarding).namespace);
  const namespace = text(event.metadata.namespace);
  if (!regardingNamespace && namespace !== 'default' && namespace !== 'kube-system') errors.push(fieldErrors.invalid('involvedObject.namespace', regardingNamespace, 'does not match event.namespace'));
  const series = event.series == null ? undefined : record(event.series);
  if (series && !(typeof series.count === 'number' && series.count >= 2)) errors.push(fieldErrors.invalid('series.count', '', 'should be at least 2'));
  if (series && !series.lastObservedTime) errors.push(fieldErrors.required('series.lastObservedTime', ''));
  if (!event.eventTime) errors.push(fieldErrors.required('eventTime', ''));
  if (event.type !== 'Normal' && event.type !== 'Warning') errors.push(fieldErrors.invalid('type', '', `has invalid value: ${text(event.type)}`));
  if (event.deprecatedFirstTimestamp) errors.push(fieldErrors.invalid('firstTimestamp', '', 'needs to be unset'));
  if (event.deprecatedLastTimestamp) errors.push(fieldErrors.invalid('lastTimestamp', '', 'needs to be unset'));
  if (event.deprecatedCount) errors.push(fieldErrors.invalid('count', '', 'needs to be unset'));
  const source = record(event.deprecatedSource);
  if (text(source.component) || text(source.host)) errors.push(fieldErrors.invalid('source', '', 'needs to be unset'));
  return errors;
}

const immutableFields: [string, string][] = [
  ['regarding', 'involvedObject'], ['reason', 'reason'], ['note', 'message'], ['deprecatedSource', 'source'], ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'], ['deprecatedCount', 'count'], ['type', 'type'], ['eventTime', 'eventTime'], ['action', 'action'],
  ['related', 'related'], ['reportingController', 'reportingController'], ['reportingInstance', 'reportingInstance'],
];

/** ValidateEventUpdate for events.k8s.io/v1: only series (and metadata) may change. */
export function validateEventUpdate(event: KubeObject, old: KubeObject): FieldError[] {
  return immutableFields.flatMap(([field, path]) => fieldImmutable(event[field], old[field], path));
}
