import type { ResourceDefinition } from '../resource.types';
import { reviewStrategy } from './review.strategy';

export const subjectAccessReviewResource: ResourceDefinition = {
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SubjectAccessReview',
  resource: 'subjectaccessreviews',
  singular: 'subjectaccessreview',
  namespaced: false,
  verbs: ['create'],
  model: 'io.k8s.api.authorization.v1.SubjectAccessReview',
  review: true,
  strategy: reviewStrategy,
};
