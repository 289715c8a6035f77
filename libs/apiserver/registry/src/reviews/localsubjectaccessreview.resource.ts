import type { ResourceDefinition } from '../resource.types';
import { reviewStrategy } from './review.strategy';

export const localSubjectAccessReviewResource: ResourceDefinition = {
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'LocalSubjectAccessReview',
  resource: 'localsubjectaccessreviews',
  singular: 'localsubjectaccessreview',
  namespaced: true,
  verbs: ['create'],
  model: 'io.k8s.api.authorization.v1.LocalSubjectAccessReview',
  review: true,
  strategy: reviewStrategy,
};
