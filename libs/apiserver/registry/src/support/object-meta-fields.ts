import { FieldError, fieldErrors, KubeObject, ObjectMeta } from '@drydock/util';

/** generic.ObjectMetaFieldsSet: the metadata fields every kind can be selected by. */
export function objectMetaFields(object: KubeObject, namespaced = true): Record<string, string> {
  const fields: Record<string, string> = { 'metadata.name': object.metadata.name ?? '' };
  if (namespaced) fields['metadata.namespace'] = object.metadata.namespace ?? '';
  return fields;
}

const standardFinalizers = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** validateKubeFinalizerName: an unqualified finalizer is accepted only if it is a standard one. */
export function validateKubeFinalizerName(name: string, path: string): FieldError[] {
  if (name.split('/').length === 1 && !standardFinalizers.includes(name)) {
    return [fieldErrors.invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

/** The extra metadata check core's ValidateObjectMeta adds on top of apimachinery's (indexed path, as upstream). */
export function validateCoreMeta(meta: ObjectMeta): FieldError[] {
  return (meta.finalizers ?? []).flatMap((f, i) => validateKubeFinalizerName(f, `metadata.finalizers[${i}]`));
}
