import type { ResourceStrategy } from '../../resource.types';
import { validatePolicyRules } from './policy-rule-validation';

/** rbac.authorization.k8s.io/v1 Role. Upstream has no printer for roles: the default Name + Created At table. */
export const roleStrategy: ResourceStrategy = {
  validate: (object) => validatePolicyRules(object.rules, true),
};
