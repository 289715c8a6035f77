import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { validateLabelSelector } from '../../meta/label-selector-validation';
import { validatePolicyRules } from '../roles/policy-rule-validation';
import { list, record } from '../../support/object-fields';

/** ValidateClusterRole: rules, and an aggregation rule's cluster role selectors. */
function validate(object: KubeObject): FieldError[] {
  const errors = validatePolicyRules(object.rules, false);
  if (object.aggregationRule == null) return errors;
  const selectors = list(record(object.aggregationRule).clusterRoleSelectors);
  if (selectors.length === 0) errors.push(fieldErrors.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
  selectors.forEach((selector, i) => errors.push(...validateLabelSelector(selector, `aggregationRule.clusterRoleSelectors[${i}]`)));
  return errors;
}

/** rbac.authorization.k8s.io/v1 ClusterRole (no printer upstream: Name + Created At). */
export const clusterRoleStrategy: ResourceStrategy = { validate };
