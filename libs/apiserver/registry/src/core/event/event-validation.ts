import { FieldError, fieldErrors } from '@drydock/util';
import { isDns1123Subdomain, isQualifiedName } from '@drydock/kube';
import { invalidEach } from '../../support/field-errors';
import { Json, record, text } from '../../support/object-fields';

const limits = { reportingInstance: 128, action: 128, reason: 128, message: 1024 } as const;

function tooLongField(event: Json, key: keyof typeof limits): FieldError[] {
  return text(event[key]).length > limits[key] ? [fieldErrors.invalid(key, '', `can have at most ${limits[key]} characters`)] : [];
}

/** The rules "new" events (with eventTime) must also satisfy in core/v1. */
function validateNewEvent(event: Json, namespace: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!text(record(event, 'involvedObject').namespace) && namespace !== 'default' && namespace !== 'kube-system') {
    errors.push(fieldErrors.invalid('involvedObject.namespace', '', 'does not match event.namespace'));
  }
  const controller = text(event.reportingComponent);
  if (!controller) errors.push(fieldErrors.required('reportingComponent'));
  errors.push(...invalidEach('reportingComponent', controller, isQualifiedName(controller)));
  if (!text(event.reportingInstance)) errors.push(fieldErrors.required('reportingInstance'));
  errors.push(...tooLongField(event, 'reportingInstance'));
  if (!text(event.action)) errors.push(fieldErrors.required('action'));
  errors.push(...tooLongField(event, 'action'));
  if (!text(event.reason)) errors.push(fieldErrors.required('reason'));
  errors.push(...tooLongField(event, 'reason'));
  errors.push(...tooLongField(event, 'message'));
  return errors;
}

/** legacyValidateEvent as applied to core/v1 Events (metadata is not validated for them upstream). */
export function validateEvent(event: Json, namespace: string): FieldError[] {
  const errors: FieldError[] = [];
  const involvedNamespace = text(record(event, 'involvedObject').namespace);
  if (!text(event.eventTime)) {
    const mismatch = involvedNamespace ? namespace !== involvedNamespace : namespace !== '' && namespace !== 'default';
    if (mismatch) errors.push(fieldErrors.invalid('involvedObject.namespace', involvedNamespace, 'does not match event.namespace'));
  } else {
    errors.push(...validateNewEvent(event, namespace));
  }
  return [...errors, ...invalidEach('namespace', namespace, isDns1123Subdomain(namespace))];
}
