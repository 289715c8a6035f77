import type { ResourceDefinition, ResourceStrategy } from '../resource.types';

/** Reviews are never stored: the API server answers a create with the decision (see `review`). */
const reviewStrategy: ResourceStrategy = { validate: () => [] };

function review(group: string, kind: string, resource: string, namespaced = false): ResourceDefinition {
  return {
    group,
    version: 'v1',
    kind,
    resource,
    singular: resource.replace(/s$/, ''),
    namespaced,
    verbs: ['create'],
    model: `io.k8s.api.${group.split('.')[0]}.v1.${kind}`,
    review: true,
    strategy: reviewStrategy,
  };
}

/**
 * authorization.k8s.io/v1 and authentication.k8s.io/v1 reviews: `kubectl auth can-i` (SelfSubjectAccessReview,
 * SelfSubjectRulesReview with --list) and `kubectl auth whoami` (SelfSubjectReview).
 */
export const reviewResources: ResourceDefinition[] = [
  review('authentication.k8s.io', 'SelfSubjectReview', 'selfsubjectreviews'),
  review('authentication.k8s.io', 'TokenReview', 'tokenreviews'),
  review('authorization.k8s.io', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', true),
  review('authorization.k8s.io', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews'),
  review('authorization.k8s.io', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews'),
  review('authorization.k8s.io', 'SubjectAccessReview', 'subjectaccessreviews'),
];
