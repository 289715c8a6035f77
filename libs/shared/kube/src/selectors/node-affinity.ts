import { LabelOperator, LabelRequirement, newRequirement } from './label-selector';
import { matchesLabels } from './label-selector-match';
import { matchesFields, FieldRequirement } from './field-selector';

/** v1.NodeSelectorRequirement and v1.NodeSelectorTerm as they arrive in JSON. */
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** What a node selector reads of a Node: its name (the only field) and its labels. */
export interface NodeIdentity {
  metadata: { name?: string; labels?: Record<string, string> };
}

type Matcher = (node: NodeIdentity) => boolean;

const labelOperators: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

/** nodeSelectorRequirementsAsSelector; throws when a requirement cannot be converted. */
function labelRequirements(requirements: NodeSelectorRequirement[]): LabelRequirement[] {
  return requirements.map((r) => {
    const operator = labelOperators[r.operator];
    if (!operator) throw new Error(`${JSON.stringify(r.operator)} is not a valid node selector operator`);
    return newRequirement(r.key, operator, [...(r.values ?? [])].sort());
  });
}

/** nodeSelectorRequirementsAsFieldSelector: In and NotIn of exactly one value. */
function fieldRequirements(requirements: NodeSelectorRequirement[]): FieldRequirement[] {
  return requirements.map((r) => {
    if (r.operator !== 'In' && r.operator !== 'NotIn') throw new Error(`${JSON.stringify(r.operator)} is not a valid node field selector operator`);
    if (r.values?.length !== 1) throw new Error(`unexpected number of value (${r.values?.length ?? 0}) for node field selector operator ${JSON.stringify(r.operator)}`);
    return { field: r.key, operator: r.operator === 'In' ? '=' : '!=', value: r.values[0] };
  });
}

/** One term: its expressions and fields are ANDed; an empty term, or one that cannot be parsed, matches nothing. */
function compileTerm(term: NodeSelectorTerm): Matcher {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return () => false;
  try {
    const selector = { requirements: labelRequirements(expressions) };
    const fieldSelector = fieldRequirements(fields);
    return (node) => matchesLabels(selector, node.metadata.labels) && matchesFields(fieldSelector, { 'metadata.name': node.metadata.name ?? '' });
  } catch {
    return () => false;
  }
}

const compiled = new WeakMap<NodeSelectorTerm, Matcher>();

/** nodeaffinity's nodeSelectorTerm.match; compiled once per term object (terms are never mutated). */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, node: NodeIdentity): boolean {
  let matcher = compiled.get(term);
  if (!matcher) {
    matcher = compileTerm(term);
    compiled.set(term, matcher);
  }
  return matcher(node);
}

/** v1.NodeSelector: its terms are ORed. */
export function matchesNodeSelectorTerms(terms: NodeSelectorTerm[], node: NodeIdentity): boolean {
  return terms.some((term) => matchesNodeSelectorTerm(term, node));
}

/** The pod spec fields RequiredNodeAffinity reads. */
export interface NodeAffinitySpec {
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } };
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): spec.nodeSelector, then any required term. */
export function matchesRequiredNodeAffinity(spec: NodeAffinitySpec, node: NodeIdentity): boolean {
  const labels = node.metadata.labels;
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) if (labels?.[key] !== value) return false;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return required === undefined || matchesNodeSelectorTerms(required.nodeSelectorTerms ?? [], node);
}
