import { isPlainObject } from '@drydock/util';
import type { ResourceDefinition, ResourceStrategy } from '../../resource.types';
import { column, containerCells, formatLabels, nameColumn } from '../../meta/table-columns';
import { defaultPodTemplateSpec, validatePodTemplateSpec } from '../pod-spec';
import { bumpGeneration, initGeneration, read, validateCoreMeta } from '../core-strategy-helpers';

export const podTemplateStrategy: ResourceStrategy = {
  defaults(podTemplate) {
    if (isPlainObject(podTemplate.template)) defaultPodTemplateSpec(podTemplate.template);
  },
  prepareForCreate: initGeneration,
  prepareForUpdate: (podTemplate, old) => bumpGeneration(podTemplate, old, 'template'),
  validate: (podTemplate) => [...validateCoreMeta(podTemplate.metadata), ...validatePodTemplateSpec(read(podTemplate, 'template'), 'template')],
  table: {
    columns: [
      nameColumn,
      column('Containers', 'Names of each container in the template.'),
      column('Images', 'Images referenced by each container in the template.'),
      column('Pod Labels', 'The labels for the pod template.'),
    ],
    row(podTemplate) {
      const [names, images] = containerCells(read(podTemplate, 'template', 'spec').containers);
      return [podTemplate.metadata.name ?? '', names, images, formatLabels(read(podTemplate, 'template', 'metadata').labels)];
    },
  },
};

export const podTemplateResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PodTemplate',
  resource: 'podtemplates',
  singular: 'podtemplate',
  namespaced: true,
  model: 'io.k8s.api.core.v1.PodTemplate',
  strategy: podTemplateStrategy,
};

