import { FieldError, fieldErrors } from '@drydock/util';
import { list, record } from '../../support/object-fields';

/** validatePolicyRule: verbs always; either non-resource URLs (cluster roles only) or api groups and resources. */
export function validatePolicyRules(rules: unknown, namespaced: boolean): FieldError[] {
  return list(rules).flatMap((value, i) => {
    const path = `rules[${i}]`;
    const rule = record(value);
    const errors: FieldError[] = [];
    if (list(rule.verbs).length === 0) errors.push(fieldErrors.required(`${path}.verbs`, 'verbs must contain at least one value'));
    if (list(rule.nonResourceURLs).length > 0) {
      if (namespaced) errors.push(fieldErrors.invalid(`${path}.nonResourceURLs`, rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
      if (list(rule.apiGroups).length || list(rule.resources).length || list(rule.resourceNames).length) {
        errors.push(fieldErrors.invalid(`${path}.nonResourceURLs`, rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
      }
      return errors;
    }
    if (list(rule.apiGroups).length === 0) errors.push(fieldErrors.required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
    if (list(rule.resources).length === 0) errors.push(fieldErrors.required(`${path}.resources`, 'resource rules must supply at least one resource'));
    if (list(rule.resourceNames).length > 0 && list(rule.resources).length > 1) {
      errors.push(fieldErrors.required(`${path}.resourceNames`, 'resource names cannot apply to multiple resources'));
    }
    return errors;
  });
}
