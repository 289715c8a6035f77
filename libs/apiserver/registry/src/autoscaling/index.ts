import type { ResourceDefinition } from '../resource.types';
import { horizontalPodAutoscalerV1Resource, horizontalPodAutoscalerV2Resource } from './horizontalpodautoscalers/hpa.resource';

/** autoscaling: v2 first, as upstream's preferred version; v1 objects are stored in their own shape. */
export const autoscalingResources: ResourceDefinition[] = [horizontalPodAutoscalerV2Resource, horizontalPodAutoscalerV1Resource];
