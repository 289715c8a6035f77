import type { ResourceDefinition } from '../resource.types';
import { reviewStrategy } from './review.strategy';

export const selfSubjectRulesReviewResource: ResourceDefinition = {
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectRulesReview',
  resource: 'selfsubjectrulesreviews',
  singular: 'selfsubjectrulesreview',
  namespaced: false,
  verbs: ['create'],
  model: 'io.k8s.api.authorization.v1.SelfSubjectRulesReview',
  review: true,
  strategy: reviewStrategy,
};
