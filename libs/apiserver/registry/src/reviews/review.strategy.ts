import type { ResourceStrategy } from '../resource.types';

/**
 * authorization.k8s.io/v1 and authentication.k8s.io/v1 reviews (`kubectl auth can-i`, `kubectl auth whoami`)
 * are never stored: the API server answers a create with the decision (see ResourceDefinition.review).
 */
export const reviewStrategy: ResourceStrategy = { validate: () => [] };
