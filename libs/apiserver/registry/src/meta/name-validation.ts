import { isDns1035Label, isDns1123Label, isDns1123Subdomain } from '@drydock/kube';

/**
 * Upstream's ValidateNameFunc: checks a name (or, with `prefix`, a generateName) and returns the problems.
 * A generateName may end in '-', so the trailing dash is masked before checking (maskTrailingDash).
 */
export type NameValidator = (name: string, prefix: boolean) => string[];

function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
}

/** Most kinds (pods, configmaps, secrets, nodes, deployments...). */
export const nameIsDnsSubdomain: NameValidator = (name, prefix) => isDns1123Subdomain(prefix ? maskTrailingDash(name) : name);

/** Namespaces. */
export const nameIsDnsLabel: NameValidator = (name, prefix) => isDns1123Label(prefix ? maskTrailingDash(name) : name);

/** Services. */
export const nameIsDns1035Label: NameValidator = (name, prefix) => isDns1035Label(prefix ? maskTrailingDash(name) : name);

/** RBAC and other kinds whose name only has to be a URL path segment (ValidatePathSegmentName). */
export const nameIsPathSegment: NameValidator = (name, prefix) => {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const illegal of ['/', '%']) {
    if (name.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  }
  return errs;
};

/** Namespace references (metadata.namespace) are DNS labels. */
export const validateNamespaceName: NameValidator = nameIsDnsLabel;

/** The validator for ResourceDefinition.nameValidation (default 'subdomain'). */
export function nameValidatorFor(kind: 'subdomain' | 'label' | 'dns1035' | 'pathSegment' | undefined): NameValidator {
  switch (kind) {
    case 'label':
      return nameIsDnsLabel;
    case 'dns1035':
      return nameIsDns1035Label;
    case 'pathSegment':
      return nameIsPathSegment;
    default:
      return nameIsDnsSubdomain;
  }
}
