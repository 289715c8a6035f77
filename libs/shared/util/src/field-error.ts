/**
 * A field error, as in k8s.io/apimachinery/pkg/util/validation/field. `field` is the path
 * (`spec.template.spec.containers[0].image`); the message printed is `field: Type: detail`.
 */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueNotFound'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid'
  | 'InternalError';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value, printed for Invalid/NotSupported/Duplicate like upstream. */
  value?: unknown;
  detail?: string;
  /** For NotSupported: the allowed values. */
  supported?: string[];
}

const typeText: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueNotFound: 'Not found',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueTypeInvalid: 'Invalid value',
  InternalError: 'Internal error',
};

function printValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The message of one cause, without the field path (upstream's `ErrorBody`). */
export function fieldErrorBody(error: FieldError): string {
  let text = typeText[error.type];
  const showsValue = ['FieldValueInvalid', 'FieldValueNotSupported', 'FieldValueDuplicate', 'FieldValueTypeInvalid', 'FieldValueNotFound'].includes(error.type);
  if (showsValue && error.value !== undefined) text += `: ${printValue(error.value)}`;
  if (error.type === 'FieldValueNotSupported' && error.supported?.length) {
    text += `: supported values: ${error.supported.map((s) => JSON.stringify(s)).join(', ')}`;
  } else if (error.detail) {
    text += `: ${error.detail}`;
  }
  return text;
}

export function fieldErrorMessage(error: FieldError): string {
  return error.field ? `${error.field}: ${fieldErrorBody(error)}` : fieldErrorBody(error);
}

/** Helpers to build errors the way upstream's field package does. */
export const fieldErrors = {
  required: (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail }),
  notFound: (field: string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field, value }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, value, detail }),
  notSupported: (field: string, value: unknown, supported: string[]): FieldError => ({ type: 'FieldValueNotSupported', field, value, supported }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail }),
  duplicate: (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value }),
  tooLong: (field: string, value: unknown, max: number): FieldError => ({ type: 'FieldValueTooLong', field, value, detail: `may not be more than ${max} bytes` }),
};
