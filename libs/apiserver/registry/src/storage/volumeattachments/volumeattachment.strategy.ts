import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { jsonEqual } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { record, text } from '../../support/object-fields';
import { keepAllButStatus, keepOldStatus, resetStatus } from '../../support/status-subresource';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';

/** ValidateVolumeAttachment's spec rules: attacher, node and exactly one source. */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const source = record(spec.source);
  const errors: FieldError[] = [];
  if (!text(spec.attacher)) errors.push(fieldErrors.required('spec.attacher', ''));
  if (!text(spec.nodeName)) errors.push(fieldErrors.required('spec.nodeName', ''));
  const sources = [source.persistentVolumeName, source.inlineVolumeSpec].filter((value) => value != null).length;
  if (sources === 0) errors.push(fieldErrors.required('spec.source', 'must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
  if (sources > 1) errors.push(fieldErrors.forbidden('spec.source', 'must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
  return errors;
}

/** storage.k8s.io/v1 VolumeAttachment: the spec is read-only after creation. */
export const volumeAttachmentStrategy: ResourceStrategy = {
  // No metadata.generation: upstream's strategy does not track it for this kind.
  prepareForCreate: (object) => resetStatus(object, { attached: false }),
  prepareForUpdate: (object, old) => keepOldStatus(object, old),
  validate,
  validateUpdate: (object, old) => (jsonEqual(object.spec, old.spec) ? [] : [fieldErrors.invalid('spec', object.spec ?? null, 'field is immutable')]),
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old, false),
  table: {
    columns: [
      nameColumn,
      { ...column('Attacher', 'string', 'attacher indicates the name of the volume driver that MUST handle this request. This is the name returned by GetPluginName().'), format: 'name' },
      column('PV', 'string', 'persistentVolumeName represents the name of the persistent volume to attach.'),
      column('Node', 'string', 'nodeName represents the node that the volume should be attached to.'),
      column('Attached', 'boolean', 'attached indicates the volume is successfully attached. This field must only be set by the entity completing the attach operation, i.e. the external-attacher.'),
      ageColumn,
    ],
    row: (object, ctx) => {
      const spec = record(object.spec);
      return [object.metadata.name, text(spec.attacher), text(record(spec.source).persistentVolumeName), text(spec.nodeName), record(object.status).attached === true, age(object, ctx.now)];
    },
  },
};
