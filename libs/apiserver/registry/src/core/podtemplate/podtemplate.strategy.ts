import { isPlainObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { defaultPodTemplateSpec, validatePodTemplateSpec } from '../pod-spec';
import { bumpGeneration, startGeneration } from '../../support/generation';
import { record } from '../../support/object-fields';
import { column, containerCells, formatLabels, nameColumn } from '../../support/table-columns';
import { validateCoreMeta } from '../../support/object-meta-fields';

export const podTemplateStrategy: ResourceStrategy = {
  defaults(podTemplate) {
    if (isPlainObject(podTemplate.template)) defaultPodTemplateSpec(podTemplate.template);
  },
  prepareForCreate: startGeneration,
  prepareForUpdate: (podTemplate, old) => bumpGeneration(podTemplate, old, 'template'),
  validate: (podTemplate) => [...validateCoreMeta(podTemplate.metadata), ...validatePodTemplateSpec(record(podTemplate, 'template'), 'template')],
  table: {
    columns: [
      nameColumn,
      column('Containers', 'string', 'Names of each container in the template.'),
      column('Images', 'string', 'Images referenced by each container in the template.'),
      column('Pod Labels', 'string', 'The labels for the pod template.'),
    ],
    row(podTemplate) {
      const [names, images] = containerCells(record(podTemplate, 'template', 'spec').containers);
      return [podTemplate.metadata.name ?? '', names, images, formatLabels(record(podTemplate, 'template', 'metadata').labels)];
    },
  },
};
