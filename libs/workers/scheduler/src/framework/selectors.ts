import type { LabelSelector, LabelSelectorRequirement, Node, NodeSelectorRequirement, NodeSelectorTerm } from './types';

type Labels = Record<string, string> | undefined;

function matchesRequirement(labels: Labels, requirement: LabelSelectorRequirement | NodeSelectorRequirement): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = has ? labels![requirement.key] : undefined;
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt':
      return has && compareInteger(value!, values[0], requirement.operator);
    default:
      return false;
  }
}

function compareInteger(value: string, bound: string | undefined, operator: 'Gt' | 'Lt'): boolean {
  if (bound === undefined || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(bound)) return false;
  return operator === 'Gt' ? Number(value) > Number(bound) : Number(value) < Number(bound);
}

const compiled = new WeakMap<LabelSelector, (labels: Labels) => boolean>();

/** matchesLabelSelector as a function, compiled once per selector object (selectors are never mutated). */
export function labelSelectorMatcher(selector: LabelSelector | null | undefined): (labels: Labels) => boolean {
  if (!selector) return () => false;
  let matcher = compiled.get(selector);
  if (!matcher) {
    const pairs = Object.entries(selector.matchLabels ?? {});
    const requirements = selector.matchExpressions ?? [];
    matcher = (labels) => {
      for (const [key, value] of pairs) if (labels?.[key] !== value) return false;
      for (const requirement of requirements) if (!matchesRequirement(labels, requirement)) return false;
      return true;
    };
    compiled.set(selector, matcher);
  }
  return matcher;
}

/**
 * metav1.LabelSelector semantics: an empty selector matches everything, a null or absent one
 * matches nothing (as upstream's LabelSelectorAsSelector for affinity and spread terms).
 */
export function matchesLabelSelector(selector: LabelSelector | null | undefined, labels: Labels): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels?.[key] !== value) return false;
  }
  for (const requirement of selector.matchExpressions ?? []) {
    if (!matchesRequirement(labels, requirement)) return false;
  }
  return true;
}

/** pod.spec.nodeSelector: every pair must be on the node. */
export function matchesNodeSelectorMap(selector: Record<string, string> | undefined, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector ?? {})) {
    if (labels?.[key] !== value) return false;
  }
  return true;
}

/** One NodeSelectorTerm: its expressions and fields are ANDed; an empty term matches nothing. */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  for (const requirement of expressions) {
    if (!matchesRequirement(node.metadata.labels, requirement)) return false;
  }
  const nodeFields = { 'metadata.name': node.metadata.name ?? '' };
  for (const requirement of fields) {
    if (requirement.key !== 'metadata.name' || !matchesRequirement(nodeFields, requirement)) return false;
  }
  return true;
}

/** NodeSelector: its terms are ORed. */
export function matchesNodeSelectorTerms(terms: NodeSelectorTerm[], node: Node): boolean {
  return terms.some((term) => matchesNodeSelectorTerm(term, node));
}
