import { KubeObject } from '@drydock/util';
import { SchemaNavigator, untypedNavigator } from '../schema/schema-navigator';
import { openApiNavigator, modelNameOf } from '../schema/openapi-navigator.adapter';
import { rootNode, TypeNode } from '../schema/type-node';
import { fieldElement, FieldPath } from './field-path';
import { FieldSet } from './field-set';
import { FieldConflict } from './conflict.error';
import { Manager } from './managers.codec';
import { Comparison } from './typed-walk';
import { cloneJson } from '../json-clone';

/** Fields no manager ever owns (upstream's stripMetaManager). */
const strippedFields = new FieldSet([
  ['f:apiVersion'], ['f:kind'], ['f:metadata'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => ['f:metadata', fieldElement(f)]),
]);

/** What ownership tracking needs to know about the resource being written. */
export interface OwnershipOptions {
  /**
   * Upstream model of the kind (`io.k8s.api.apps.v1.Deployment`). Default: the built-in model of the
   * object's apiVersion/kind, if any (custom resources have none: pass a crdSchemaNavigator's).
   */
  modelName?: string;
  /** Default: the built-in models of @drydock/openapi. */
  navigator?: SchemaNavigator;
  /** The request's group/version (`apps/v1`), recorded in each entry. */
  apiVersion: string;
  /** `status` or `scale` for writes through a subresource. */
  subresource?: string;
  /** Top-level fields this endpoint resets and nobody owns through it (upstream's ResetFields, e.g. ['status'] on the main resource). */
  resetFields?: string[];
}

export class OwnershipContext {
  readonly node: TypeNode;
  readonly navigator: SchemaNavigator;
  private readonly ignored: FieldPath[];

  /** `object` is the written object, whose apiVersion/kind name the model when `modelName` is not given. */
  constructor(readonly options: OwnershipOptions, object: { apiVersion?: unknown; kind?: unknown }) {
    const modelName = options.modelName || modelNameOf(object);
    this.node = rootNode(modelName);
    this.navigator = options.navigator ?? (modelName ? openApiNavigator : untypedNavigator);
    this.ignored = (options.resetFields ?? []).map((field) => [fieldElement(field)]);
  }

  /** The set without the fields nobody may own here. */
  ownable(set: FieldSet): FieldSet {
    return set.difference(strippedFields).withoutPrefixes(this.ignored);
  }

  ownableComparison(comparison: Comparison): Comparison {
    return { added: this.ownable(comparison.added), removed: this.ownable(comparison.removed), modified: this.ownable(comparison.modified) };
  }
}

/** A copy of the object without metadata.managedFields, which are never compared or merged. */
export function withoutManagedFields(object: KubeObject): KubeObject {
  if (!object.metadata) return cloneJson(object);
  const metadata = { ...object.metadata };
  delete metadata.managedFields;
  return cloneJson({ ...object, metadata });
}

/** The fields other managers own that a change would modify or add (structured-merge-diff's conflicts). */
export function findConflicts(managers: Map<string, Manager>, comparison: Comparison, except: string): FieldConflict[] {
  const changed = comparison.modified.union(comparison.added);
  const conflicts: FieldConflict[] = [];
  for (const [id, manager] of managers) {
    if (id !== except) conflicts.push(...manager.fields.intersection(changed).paths().map((path) => ({ manager, path })));
  }
  return conflicts;
}

/**
 * Moves ownership after a change (structured-merge-diff's Updater.update, forced): every manager
 * but `except` loses the fields that were changed or added and the fields that were removed.
 */
export function transferOwnership(managers: Map<string, Manager>, comparison: Comparison, except?: string): void {
  const lost = comparison.modified.union(comparison.added).union(comparison.removed);
  for (const [id, manager] of managers) {
    if (id === except) continue;
    const kept = manager.fields.difference(lost);
    // A difference is a subset: the same size means the manager lost nothing and its entry stands.
    if (kept.size === manager.fields.size) continue;
    manager.fields = kept;
    manager.encoded = undefined;
  }
}
