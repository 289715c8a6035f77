import type { ResourceDefinition } from '../../resource.types';
import { horizontalPodAutoscalerStrategy } from './hpa.strategy';

function hpaResource(version: 'v1' | 'v2'): ResourceDefinition {
  return {
    group: 'autoscaling',
    version,
    kind: 'HorizontalPodAutoscaler',
    resource: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler',
    namespaced: true,
    shortNames: ['hpa'],
    categories: ['all'],
    model: `io.k8s.api.autoscaling.${version}.HorizontalPodAutoscaler`,
    subresources: { status: true },
    strategy: horizontalPodAutoscalerStrategy(version),
  };
}

export const horizontalPodAutoscalerV2Resource = hpaResource('v2');
export const horizontalPodAutoscalerV1Resource = hpaResource('v1');
