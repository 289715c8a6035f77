import { StatusError } from '@drydock/util';

/** A patch as bytes off the wire, as text, or already parsed. */
export type PatchInput = Uint8Array | string | unknown;

/**
 * Parses JSON patch bodies. Strings and bytes are parsed; anything else is taken as already parsed.
 * A syntax error is a 400 whose message `describe` words like upstream's handler for that patch type.
 */
export function decodeJson(input: PatchInput, describe: (message: string) => string): unknown {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return input;
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw StatusError.badRequest(describe((error as Error).message));
  }
}

/** The JSON kind of a value, named as Go's decoder names it in errors. */
export function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return typeof value;
}
