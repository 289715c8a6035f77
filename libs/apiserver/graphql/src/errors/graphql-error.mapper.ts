import { GraphQLError, GraphQLFormattedError } from 'graphql';

/** What the REST errors (StatusError on the server side, ApiError from the REST client) have in common. */
interface StatusLike {
  code: number;
  reason: string;
  message: string;
  details?: { causes?: { reason?: string; message?: string; field?: string }[] };
  status?: { details?: { causes?: { reason?: string; message?: string; field?: string }[] } };
}

function asStatus(error: unknown): StatusLike | undefined {
  if (!(error instanceof Error)) return undefined;
  const candidate = error as unknown as Partial<StatusLike>;
  return typeof candidate.code === 'number' && typeof candidate.reason === 'string' && (error.name === 'ApiError' || error.name === 'StatusError') ? (candidate as StatusLike) : undefined;
}

function originalOf(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError && current.originalError !== current) current = current.originalError;
  return current;
}

/**
 * The one mapping from Drydock's error type to GraphQL: `extensions.code` is the Kubernetes reason
 * (NotFound, Forbidden, Invalid, Conflict …) and `extensions.status` the HTTP code, as a REST client
 * would see them. GraphQL's own errors (parse, validation, bad variables, limits) keep their codes;
 * anything else is a bug and says so (INTERNAL_SERVER_ERROR, 500).
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = originalOf(error);
  const status = asStatus(original);
  if (status) {
    const causes = status.details?.causes ?? status.status?.details?.causes;
    return { ...formatted, message: status.message, extensions: { code: status.reason, status: status.code, ...(causes?.length ? { causes } : {}) } };
  }
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  if (original instanceof GraphQLError && !(error instanceof GraphQLError && error.originalError)) return formatted;
  // A bug's stack trace is the server's business, not the caller's (Apollo adds one outside production).
  const extensions = { ...formatted.extensions };
  delete extensions.stacktrace;
  return { ...formatted, extensions: { ...extensions, code: 'INTERNAL_SERVER_ERROR', status: 500 } };
}

export function formatGraphqlErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((error) => formatGraphqlError(error.toJSON(), error));
}
