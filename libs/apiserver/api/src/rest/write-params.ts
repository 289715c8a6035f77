import { StatusError } from '@drydock/util';
import type { FieldValidation, WriteParams } from './request-context';

/** Upstream derives the default field manager from the User-Agent's program name (`kubectl`, `helm`). */
export function defaultFieldManager(userAgent: string): string {
  const program = userAgent.split('/')[0]?.trim();
  return program ? program.slice(0, 128) : 'unknown';
}

export function parseWriteParams(query: URLSearchParams, userAgent: string, defaultValidation: FieldValidation = 'Warn'): WriteParams {
  const dryRun = query.getAll('dryRun');
  for (const value of dryRun) {
    if (value !== 'All') throw StatusError.badRequest(`Unsupported value: "${value}": supported values: "All"`);
  }
  const manager = query.get('fieldManager') ?? '';
  if (manager.length > 128) throw StatusError.badRequest('fieldManager: Too long: may not be more than 128 bytes');
  return { dryRun: dryRun.length > 0, fieldManager: manager || defaultFieldManager(userAgent), fieldValidation: parseFieldValidation(query.get('fieldValidation'), defaultValidation) };
}

function parseFieldValidation(value: string | null, fallback: FieldValidation): FieldValidation {
  if (value === null || value === '') return fallback;
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw StatusError.badRequest(`fieldValidation parameter unsupported: ${value}`);
}
