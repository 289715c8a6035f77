import type { KubeObject } from '@drydock/util';
import { stringify } from 'yaml';

/** The object as kubectl get -o yaml shows it (managedFields left out, as kubectl does by default). */
export function manifestOf(raw: KubeObject): Record<string, unknown> {
  const metadata = { ...raw.metadata };
  delete metadata.managedFields;
  return { ...raw, metadata };
}

export const yamlOf = (raw: KubeObject): string => stringify(manifestOf(raw));
