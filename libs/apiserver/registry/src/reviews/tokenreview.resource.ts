import type { ResourceDefinition } from '../resource.types';
import { reviewStrategy } from './review.strategy';

export const tokenReviewResource: ResourceDefinition = {
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'TokenReview',
  resource: 'tokenreviews',
  singular: 'tokenreview',
  namespaced: false,
  verbs: ['create'],
  model: 'io.k8s.api.authentication.v1.TokenReview',
  review: true,
  strategy: reviewStrategy,
};
