import { FieldError, fieldErrorBody, fieldErrorMessage } from './field-error';

/** Upstream's metav1.StatusReason values that Drydock returns; '' is StatusReasonUnknown (no reason sent). */
export type StatusReason =
  | ''
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'Unauthorized'
  | 'Gone'
  | 'Expired'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'NotAcceptable'
  | 'MethodNotAllowed'
  | 'TooManyRequests'
  | 'Timeout'
  | 'ServerTimeout'
  | 'ServiceUnavailable'
  | 'InternalError';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** The `Status` body every error is answered with. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code?: number;
}

/** metav1.StatusDetails in upstream's field order, empty fields omitted; undefined when nothing is left. */
function orderedDetails(details: StatusDetails | undefined): StatusDetails | undefined {
  if (!details) return undefined;
  const causes = details.causes?.map((c) => ({ reason: c.reason || undefined, message: c.message || undefined, field: c.field || undefined }));
  const ordered = { name: details.name || undefined, group: details.group || undefined, kind: details.kind || undefined, uid: details.uid || undefined, causes: causes?.length ? causes : undefined, retryAfterSeconds: details.retryAfterSeconds || undefined };
  return Object.values(ordered).some((value) => value !== undefined) ? ordered : undefined;
}

/** Identifies a resource in error messages: `deployments.apps` / `pods`. */
export interface GroupResource {
  group: string;
  resource: string;
}

function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/**
 * The one error type of the API server. Thrown anywhere below a transport; mapped once to a
 * `Status` body for REST (and later to a GraphQL error). Messages follow k8s.io/apimachinery/pkg/api/errors.
 */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'StatusError';
  }

  /**
   * The Status body with upstream's field order (metav1.Status: kind, apiVersion, metadata, status,
   * message, reason, details, code) and its empty fields omitted, as Go's encoder writes them: clients
   * compare these bodies as text.
   */
  toStatus(): Status {
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message || undefined, reason: this.reason || undefined, details: orderedDetails(this.details), code: this.code || undefined };
    return JSON.parse(JSON.stringify(status)) as Status;
  }

  /** The body as the Go API server sends it: JSON and a newline. */
  toStatusJson(): string {
    return `${JSON.stringify(this.toStatus())}\n`;
  }

  static notFound(gr: GroupResource, name: string): StatusError {
    return new StatusError(404, 'NotFound', `${qualified(gr)} "${name}" not found`, { name, group: gr.group, kind: gr.resource });
  }

  static alreadyExists(gr: GroupResource, name: string): StatusError {
    return new StatusError(409, 'AlreadyExists', `${qualified(gr)} "${name}" already exists`, { name, group: gr.group, kind: gr.resource });
  }

  static conflict(gr: GroupResource, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): StatusError {
    return new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`, { name, group: gr.group, kind: gr.resource });
  }

  /** 422 with one cause per field error; `kind` is the Kind (e.g. `Deployment`), as upstream's NewInvalid. */
  static invalid(group: string, kind: string, name: string, errors: FieldError[]): StatusError {
    const qualifiedKind = group ? `${kind}.${group}` : kind;
    const causes = errors.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
    let message = `${qualifiedKind} "${name}" is invalid`;
    if (errors.length === 1) message += `: ${fieldErrorMessage(errors[0])}`;
    else if (errors.length > 1) message += `: [${errors.map(fieldErrorMessage).join(', ')}]`;
    return new StatusError(422, 'Invalid', message, { name, group, kind, causes });
  }

  static badRequest(message: string): StatusError {
    return new StatusError(400, 'BadRequest', message);
  }

  static forbidden(gr: GroupResource, name: string, why: string): StatusError {
    const subject = name ? `${qualified(gr)} "${name}"` : qualified(gr);
    return new StatusError(403, 'Forbidden', `${subject} is forbidden: ${why}`, { name, group: gr.group, kind: gr.resource });
  }

  static unauthorized(message = 'Unauthorized'): StatusError {
    return new StatusError(401, 'Unauthorized', message);
  }

  /** 410 for a watch or continue token older than the retained history. */
  static expired(message: string): StatusError {
    return new StatusError(410, 'Expired', message);
  }

  /**
   * Upstream's NewServerTimeout (500 ServerTimeout with retryAfterSeconds, sent as Retry-After): what
   * the storage error interpreters answer when the store is unreachable; clients retry after the delay.
   */
  static serverTimeout(gr: GroupResource, operation: string, retryAfterSeconds: number): StatusError {
    const message = `The ${operation} operation against ${qualified(gr)} could not be completed at this time, please try again.`;
    return new StatusError(500, 'ServerTimeout', message, { name: operation, group: gr.group, kind: gr.resource, retryAfterSeconds });
  }

  static gone(message: string): StatusError {
    return new StatusError(410, 'Gone', message);
  }

  static tooLarge(message = 'the request body is too large'): StatusError {
    return new StatusError(413, 'RequestEntityTooLarge', message);
  }

  /**
   * What upstream answers when etcd refuses a write over its request limit: the etcd error is no
   * metav1.Status, so ErrorToAPIStatus sends it as a 500 with its own text and no reason
   * (kubernetes/kubernetes#112152, open, asks for a 4xx).
   */
  static unknown(message: string): StatusError {
    return new StatusError(500, '', message);
  }

  static unsupportedMediaType(contentType: string): StatusError {
    return new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/cbor`, { causes: [{ reason: 'UnsupportedMediaType', message: contentType }] });
  }

  static notAcceptable(message: string): StatusError {
    return new StatusError(406, 'NotAcceptable', message);
  }

  static methodNotAllowed(message: string): StatusError {
    return new StatusError(405, 'MethodNotAllowed', message);
  }

  static tooManyRequests(message: string, retryAfterSeconds?: number): StatusError {
    return new StatusError(429, 'TooManyRequests', message, retryAfterSeconds ? { retryAfterSeconds } : undefined);
  }

  static timeout(message: string): StatusError {
    return new StatusError(504, 'Timeout', message);
  }

  static internal(message: string): StatusError {
    return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`);
  }
}
