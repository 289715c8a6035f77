import type { KubeObject } from '@drydock/util';
import { jsonEqual } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { customResourceTable } from './printer-columns';
import { applyDefaults, prune } from './schema-pruning';
import { validateAgainstSchema } from './schema-validation';
import { evaluateSimpleJsonPath, parseSimpleJsonPath } from './simple-json-path';
import { schemaOf } from './structural-schema';
import { bumpGenerationIf, startGeneration } from '../../support/generation';
import { list, record, text } from '../../support/object-fields';
import { keepOldStatus } from '../../support/status-subresource';

/** Everything but metadata (and status, when it is a subresource) bumps a custom resource's generation. */
function content(object: KubeObject, withoutStatus: boolean): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  delete copy.metadata;
  if (withoutStatus) delete copy.status;
  return copy;
}

/** Field selectors declared in the version's selectableFields (`.spec.color` selects as `spec.color`). */
function selectableFieldsOf(version: Record<string, unknown>): ((object: KubeObject) => Record<string, string>) | undefined {
  const paths = list(version.selectableFields).map((field) => text(record(field).jsonPath)).filter((path) => path !== '');
  if (paths.length === 0) return undefined;
  return (object) => {
    const fields: Record<string, string> = {};
    for (const path of paths) {
      const value = evaluateSimpleJsonPath(parseSimpleJsonPath(path), object)[0];
      fields[path.replace(/^\./, '')] = text(value);
    }
    return fields;
  };
}

/**
 * The strategy of one served version of a CRD (apiextensions-apiserver pkg/registry/customresource):
 * pruning and defaulting from the structural schema, validation against it, generation and status
 * handling as for built-in kinds.
 */
export function customResourceStrategy(version: Record<string, unknown>): ResourceStrategy {
  const schema = schemaOf(record(version.schema).openAPIV3Schema);
  const statusSubresource = record(version.subresources).status != null;
  return {
    defaults: (object) => {
      prune(object, schema, true);
      applyDefaults(object, schema);
    },
    prepareForCreate: (object) => {
      if (statusSubresource) delete object.status;
      startGeneration(object);
    },
    prepareForUpdate: (object, old) => {
      if (statusSubresource) keepOldStatus(object, old);
      bumpGenerationIf(object, old, !jsonEqual(content(object, statusSubresource), content(old, statusSubresource)));
    },
    validate: (object) => (schema ? validateAgainstSchema(object, schema, '') : []),
    prepareForStatusUpdate: (object, old) => {
      // Upstream copies the whole old object, keeping only the new status and managedFields.
      for (const key of Object.keys(object)) if (key !== 'metadata' && key !== 'status') delete object[key];
      for (const [key, value] of Object.entries(old)) if (key !== 'metadata' && key !== 'status') object[key] = structuredClone(value);
      const { managedFields, resourceVersion } = object.metadata;
      object.metadata = { ...structuredClone(old.metadata), managedFields, resourceVersion };
    },
    table: customResourceTable(version),
    selectableFields: selectableFieldsOf(version),
  };
}
