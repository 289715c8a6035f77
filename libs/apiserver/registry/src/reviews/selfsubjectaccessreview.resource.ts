import type { ResourceDefinition } from '../resource.types';
import { reviewStrategy } from './review.strategy';

export const selfSubjectAccessReviewResource: ResourceDefinition = {
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectAccessReview',
  resource: 'selfsubjectaccessreviews',
  singular: 'selfsubjectaccessreview',
  namespaced: false,
  verbs: ['create'],
  model: 'io.k8s.api.authorization.v1.SelfSubjectAccessReview',
  review: true,
  strategy: reviewStrategy,
};
