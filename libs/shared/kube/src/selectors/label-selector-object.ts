import { isPlainObject } from '@drydock/util';
import { labelSelectorString, LabelOperator, LabelRequirement, LabelSelector, newRequirement } from './label-selector';
import { matchesLabels } from './label-selector-match';

const expressionOperators: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: a LabelSelector object (`matchLabels` / `matchExpressions`) as a selector.
 * `undefined`/`null` selects nothing; an empty object selects everything. Throws an Error with
 * upstream's message when the object is malformed (validate it first with validateLabelSelector).
 */
export function labelSelectorFromObject(object: unknown): LabelSelector {
  if (object === undefined || object === null) return { requirements: [], nothing: true };
  if (!isPlainObject(object)) throw new Error('label selector must be an object');
  const requirements: LabelRequirement[] = [];
  const matchLabels = isPlainObject(object.matchLabels) ? object.matchLabels : {};
  for (const [key, value] of Object.entries(matchLabels)) requirements.push(newRequirement(key, '=', [String(value)]));
  for (const expression of Array.isArray(object.matchExpressions) ? object.matchExpressions : []) {
    const operator = expressionOperators[String(expression?.operator)];
    if (!operator) throw new Error(`${JSON.stringify(String(expression?.operator ?? ''))} is not a valid label selector operator`);
    const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
    requirements.push(newRequirement(String(expression.key ?? ''), operator, values));
  }
  return { requirements: requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
}

/** labels.SelectorFromSet: an equality selector from a map (ReplicationController's spec.selector). */
export function labelSelectorFromSet(set: Record<string, string> | undefined): LabelSelector {
  return labelSelectorFromObject({ matchLabels: set ?? {} });
}

/** True for a plain `map[string]string` selector (ReplicationController, Service) rather than a LabelSelector object. */
function isLabelSet(object: unknown): object is Record<string, string> {
  if (!isPlainObject(object) || 'matchLabels' in object || 'matchExpressions' in object) return false;
  const values = Object.values(object);
  return values.length > 0 && values.every((v) => typeof v === 'string');
}

/**
 * The selector as Scale's status.selector shows it: LabelSelectorAsSelector(...).String() for a
 * LabelSelector object, labels.SelectorFromSet(...).String() for a plain map; "" selects everything.
 */
export function selectorToString(object: unknown): string {
  try {
    return labelSelectorString(isLabelSet(object) ? labelSelectorFromSet(object) : labelSelectorFromObject(object));
  } catch {
    return '';
  }
}

/** metav1.FormatLabelSelector, for printers: "<none>" when empty, "<error>" when malformed. */
export function formatLabelSelector(object: unknown): string {
  try {
    return labelSelectorString(labelSelectorFromObject(object)) || '<none>';
  } catch {
    return '<error>';
  }
}

type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

const nothing: LabelMatcher = () => false;
const compiled = new WeakMap<object, LabelMatcher>();

/**
 * A LabelSelector object as a function of a label set, as a controller filters pods with
 * LabelSelectorAsSelector(...).Matches: a missing selector selects nothing, an empty one everything,
 * and a malformed one nothing (upstream logs the conversion error and skips the object). Converted
 * once per selector object, so hot loops (the scheduler) pay for it once; selector objects from
 * informers are never mutated.
 */
export function labelSelectorMatcher(object: unknown): LabelMatcher {
  if (!isPlainObject(object)) return nothing;
  let matcher = compiled.get(object);
  if (!matcher) {
    try {
      const selector = labelSelectorFromObject(object);
      matcher = (labels) => matchesLabels(selector, labels);
    } catch {
      matcher = nothing;
    }
    compiled.set(object, matcher);
  }
  return matcher;
}

/** Whether a LabelSelector object selects `labels` (labelSelectorMatcher, applied once). */
export function selectorMatches(object: unknown, labels: Record<string, string> | undefined): boolean {
  return labelSelectorMatcher(object)(labels);
}

/** True for `{}` (neither matchLabels nor matchExpressions): upstream refuses to let a workload select every pod. */
export function isEmptySelector(object: unknown): boolean {
  if (!isPlainObject(object)) return false;
  const matchLabels = isPlainObject(object.matchLabels) ? object.matchLabels : {};
  const matchExpressions = Array.isArray(object.matchExpressions) ? object.matchExpressions : [];
  return Object.keys(matchLabels).length === 0 && matchExpressions.length === 0;
}

/** labels.Set(required).AsSelector().Matches(labels): every pair of `required` is in `labels`; an empty set matches all. */
export function labelsContain(labels: Record<string, string> | undefined, required: Record<string, string> | undefined): boolean {
  return Object.entries(required ?? {}).every(([key, value]) => labels?.[key] === value);
}

/**
 * A map selector (ReplicationController's and Service's spec.selector, labels.SelectorFromSet):
 * equality on every key. An empty or missing map selects nothing: the API server omits empty maps, so
 * upstream's controllers see nil there, which selects nothing.
 */
export function setSelectorMatches(set: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return set !== undefined && Object.keys(set).length > 0 && labelsContain(labels, set);
}

/** labelsutil.CloneSelectorAndAddLabel: a deep copy of `selector` whose matchLabels also require key=value. */
export function cloneSelectorAndAddLabel<T extends { matchLabels?: Record<string, string> }>(selector: T | undefined, key: string, value: string): T {
  const clone = structuredClone(selector ?? ({} as T));
  clone.matchLabels = { ...(clone.matchLabels ?? {}), [key]: value };
  return clone;
}
