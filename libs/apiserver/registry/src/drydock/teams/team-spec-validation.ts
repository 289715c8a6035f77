import { isDns1123Label, isDns1123Subdomain } from '@drydock/kube';
import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { validateLimits } from '../../core/limitrange/limitrange.strategy';
import { validateHard } from '../../core/resourcequota/resourcequota.strategy';
import { invalidEach, validateEnum } from '../../support/field-errors';
import { Json, list, record, records, text } from '../../support/object-fields';

/** The roles a member may hold: each is the default ClusterRole of that name. */
export const teamRoles = ['admin', 'edit', 'view'];

function validateMembers(members: Json[]): FieldError[] {
  const seen = new Set<string>();
  return members.flatMap((member, i) => {
    const path = `spec.members[${i}]`;
    const user = text(member.user);
    const errors: FieldError[] = [];
    if (!user) errors.push(fieldErrors.required(`${path}.user`));
    else errors.push(...invalidEach(`${path}.user`, user, isDns1123Subdomain(user)));
    if (user && seen.has(user)) errors.push(fieldErrors.duplicate(`${path}.user`, user));
    seen.add(user);
    return [...errors, ...validateEnum(member.role, teamRoles, `${path}.role`)];
  });
}

/**
 * Namespaces are DNS labels, each once. The `kube-` prefix is the system's (upstream reserves it): a team
 * owning kube-system would bind its members' role there, so such names are Forbidden.
 */
function validateNamespaces(namespaces: unknown[]): FieldError[] {
  const seen = new Set<string>();
  return namespaces.flatMap((value, i) => {
    const path = `spec.namespaces[${i}]`;
    const namespace = text(value);
    if (!namespace) return [fieldErrors.required(path)];
    const errors = invalidEach(path, namespace, isDns1123Label(namespace));
    if (namespace.startsWith('kube-')) errors.push(fieldErrors.forbidden(path, 'may not be a system namespace (the kube- prefix is reserved)'));
    if (seen.has(namespace)) errors.push(fieldErrors.duplicate(path, namespace));
    seen.add(namespace);
    return errors;
  });
}

/** Every field error of a Team's spec, with paths (`spec.members[1].role: Unsupported value: "owner"...`). */
export function validateTeamSpec(spec: Json): FieldError[] {
  return [
    ...validateMembers(records(spec.members)),
    ...validateNamespaces(list(spec.namespaces)),
    ...(isPlainObject(spec.quota) ? validateHard(spec.quota, 'spec.quota') : []),
    ...validateLimits(records(spec.limitRanges), 'spec.limitRanges'),
  ];
}

/** The spec's members as `{user, role}` pairs (entries without a user are skipped), for readers of a Team. */
export function teamMembers(spec: unknown): { user: string; role: string }[] {
  return records(record(spec).members)
    .map((member) => ({ user: text(member.user), role: text(member.role) }))
    .filter((member) => member.user);
}
