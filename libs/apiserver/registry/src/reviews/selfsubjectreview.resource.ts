import type { ResourceDefinition } from '../resource.types';
import { reviewStrategy } from './review.strategy';

export const selfSubjectReviewResource: ResourceDefinition = {
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectReview',
  resource: 'selfsubjectreviews',
  singular: 'selfsubjectreview',
  namespaced: false,
  verbs: ['create'],
  model: 'io.k8s.api.authentication.v1.SelfSubjectReview',
  review: true,
  strategy: reviewStrategy,
};
