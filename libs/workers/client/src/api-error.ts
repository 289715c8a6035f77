/** The `Status` body the API server answers an error with (metav1.Status), as received. */
export interface StatusBody {
  kind?: string;
  apiVersion?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: { reason?: string; message?: string; field?: string }[]; retryAfterSeconds?: number };
}

/**
 * Every failed API call throws an ApiError: `code` is the HTTP status, `reason` the Status reason
 * (`NotFound`, `Conflict`, `AlreadyExists`, `Invalid`, `Expired`, `TooManyRequests`, …), `status` the body.
 */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly status: StatusBody,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** From a response: the Status body when the server sent one, otherwise a Status made up from the HTTP code. */
  static fromResponse(statusCode: number, body: string): ApiError {
    const status = parseStatus(body) ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: statusCode, reason: reasonForCode(statusCode), message: body.trim() || `the server responded with HTTP ${statusCode}` };
    return ApiError.fromStatus(status, statusCode);
  }

  static fromStatus(status: StatusBody, fallbackCode = 500): ApiError {
    const code = status.code ?? fallbackCode;
    return new ApiError(code, status.reason || reasonForCode(code), status.message ?? `HTTP ${code}`, status);
  }
}

function parseStatus(body: string): StatusBody | undefined {
  try {
    const parsed = JSON.parse(body);
    return parsed && parsed.kind === 'Status' ? (parsed as StatusBody) : undefined;
  } catch {
    return undefined;
  }
}

/** Upstream's reasons for a bare HTTP code (apimachinery's errors.FromObject fallbacks). */
function reasonForCode(code: number): string {
  const reasons: Record<number, string> = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 409: 'Conflict', 410: 'Expired', 415: 'UnsupportedMediaType', 422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout' };
  return reasons[code] ?? 'Unknown';
}

export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.code === 404;
export const isAlreadyExists = (error: unknown): boolean => error instanceof ApiError && error.reason === 'AlreadyExists';
/** A 409 that is not AlreadyExists: the object moved under an optimistic-concurrency write. */
export const isConflict = (error: unknown): boolean => error instanceof ApiError && error.code === 409 && error.reason !== 'AlreadyExists';
export const isInvalid = (error: unknown): boolean => error instanceof ApiError && error.code === 422;
/** 410: a resourceVersion too old to watch or list from; relist. */
export const isGone = (error: unknown): boolean => error instanceof ApiError && error.code === 410;
export const isTooManyRequests = (error: unknown): boolean => error instanceof ApiError && error.code === 429;
/** 403: authorization (RBAC) or admission refused the request. */
export const isForbidden = (error: unknown): boolean => error instanceof ApiError && error.code === 403;
