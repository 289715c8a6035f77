/**
 * What upstream's RBAC answers for the matrix, written down by hand from the rules (not computed by
 * Drydock's authorizer): which verbs each role grants on the resources the matrix probes, and who holds
 * which role where. `expectedAllowed` is `kubectl auth can-i` semantics over this table: allowed when any
 * grant in that namespace (or cluster-wide) has a rule naming the resource and the verb (and, for rules
 * with resourceNames, the object's name on a get or delete).
 */
export type Verb = 'get' | 'list' | 'watch' | 'create' | 'delete';

/** A resource as the matrix probes it: `group/resource[/subresource]`, '' group for core. */
export type Resource = 'pods' | 'configmaps' | 'secrets' | 'apps/deployments' | 'pods/log' | 'pods/exec';

interface Rule {
  verbs: Verb[];
  resourceNames?: string[];
}

const read: Verb[] = ['get', 'list', 'watch'];
const all: Verb[] = ['get', 'list', 'watch', 'create', 'delete'];

/**
 * The bootstrap ClusterRoles as upstream's bootstrappolicy defines them, for these resources only:
 * view reads pods (and their logs), configmaps and deployments but never secrets and never execs;
 * edit (and so admin) writes them all, reads secrets, and may exec (create on pods/exec).
 */
const roles: Record<string, Partial<Record<Resource, Rule>>> = {
  view: { pods: { verbs: read }, 'pods/log': { verbs: read }, configmaps: { verbs: read }, 'apps/deployments': { verbs: read } },
  edit: { pods: { verbs: all }, 'pods/log': { verbs: read }, 'pods/exec': { verbs: all }, configmaps: { verbs: all }, secrets: { verbs: all }, 'apps/deployments': { verbs: all } },
  admin: { pods: { verbs: all }, 'pods/log': { verbs: read }, 'pods/exec': { verbs: all }, configmaps: { verbs: all }, secrets: { verbs: all }, 'apps/deployments': { verbs: all } },
  // The matrix's own roles (created by the fixture with exactly these rules).
  'pod-logger': { pods: { verbs: read }, 'pods/log': { verbs: ['get'] } },
  'pod-reader': { pods: { verbs: ['get', 'list'] } },
  'public-config': { configmaps: { verbs: ['get', 'delete'], resourceNames: ['public'] } },
};

export interface Subject {
  /** The user name requests impersonate (Impersonate-User). */
  user: string;
  /** Extra groups (Impersonate-Group); system:authenticated is always added. */
  groups: string[];
}

/** Who holds which role where ('*': a ClusterRoleBinding, every namespace and the cluster scope). */
interface Grant {
  to: (subject: Subject) => boolean;
  role: keyof typeof roles;
  namespace: string;
}

const user = (name: string) => (subject: Subject) => subject.user === name;
const group = (name: string) => (subject: Subject) => subject.groups.includes(name);

const grants: Grant[] = [
  { to: user('ann'), role: 'view', namespace: 'alpha' },
  { to: user('ben'), role: 'edit', namespace: 'alpha' },
  { to: user('ben'), role: 'pod-reader', namespace: 'beta' },
  { to: user('cat'), role: 'pod-logger', namespace: '*' },
  { to: group('devs'), role: 'admin', namespace: 'beta' },
  { to: user('fay'), role: 'public-config', namespace: 'alpha' },
  { to: user('system:serviceaccount:alpha:robot'), role: 'view', namespace: 'alpha' },
];

/** The matrix's people: one per kind of grant, and eve, who holds nothing. */
export const subjects: Subject[] = [
  { user: 'ann', groups: [] },
  { user: 'ben', groups: [] },
  { user: 'cat', groups: [] },
  { user: 'dan', groups: ['devs'] },
  { user: 'eve', groups: [] },
  { user: 'fay', groups: [] },
  { user: 'system:serviceaccount:alpha:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:alpha'] },
];

/** Whether upstream's RBAC allows `subject` to `verb` `resource` (named `name`) in `namespace` ('' = cluster scope). */
export function expectedAllowed(subject: Subject, verb: Verb, resource: Resource, namespace: string, name?: string): boolean {
  return grants.some((grant) => {
    if (!grant.to(subject)) return false;
    if (grant.namespace !== '*' && grant.namespace !== namespace) return false;
    const rule = roles[grant.role][resource];
    if (!rule || !rule.verbs.includes(verb)) return false;
    return !rule.resourceNames || (name !== undefined && rule.resourceNames.includes(name));
  });
}
