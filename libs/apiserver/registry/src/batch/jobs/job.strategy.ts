import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { defaultPodTemplateSpec } from '../../core/pod-spec';
import { fieldImmutable, jsonEqual } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { formatLabelSelector } from '@drydock/kube';
import { controllerUidLabel, jobNameLabel, legacyControllerUidLabel, legacyJobNameLabel, validateGeneratedSelector, validateIndexedHostname, validateJobSpec } from './job-spec-validation';
import { defaultField, ensureRecord, list, record, records, text } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, containerCells, containersColumn, humanDuration, imagesColumn, intCell, nameColumn } from '../../support/table-columns';

/** SetDefaults_Job (batch/v1) plus the pod template's defaults. */
function defaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  if (spec.completions == null && spec.parallelism == null) spec.completions = 1;
  defaultField(spec, 'parallelism', 1);
  defaultField(spec, 'backoffLimit', 6);
  copyTemplateLabels(object);
  defaultField(spec, 'completionMode', 'NonIndexed');
  defaultField(spec, 'suspend', false);
  defaultField(spec, 'podReplacementPolicy', spec.podFailurePolicy != null ? 'Failed' : 'TerminatingOrFailed');
  defaultField(spec, 'manualSelector', false);
  defaultPodTemplateSpec(ensureRecord(spec, 'template'));
  // SetDefaults_PodFailurePolicyOnPodConditionsPattern.
  for (const rule of list(record(spec.podFailurePolicy).rules)) for (const pattern of list(record(rule).onPodConditions)) defaultField(record(pattern), 'status', 'True');
}

/** A job without labels takes its template's labels. */
function copyTemplateLabels(object: KubeObject): void {
  const labels = record(record(record(object.spec).template).metadata).labels;
  if (labels && Object.keys(object.metadata.labels ?? {}).length === 0) object.metadata.labels = { ...(labels as Record<string, string>) };
}

/**
 * generateSelector: the template gets the job-name and controller-uid labels (unless the user set
 * them) and the selector selects the controller uid. metadata.uid is set by the store before this.
 */
function generateSelector(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  const labels = ensureRecord(ensureRecord(ensureRecord(spec, 'template'), 'metadata'), 'labels');
  const name = text(object.metadata.name);
  const uid = text(object.metadata.uid);
  for (const key of [legacyJobNameLabel, jobNameLabel]) defaultField(labels, key, name);
  for (const key of [legacyControllerUidLabel, controllerUidLabel]) defaultField(labels, key, uid);
  const selector = ensureRecord(spec, 'selector');
  defaultField(ensureRecord(selector, 'matchLabels'), controllerUidLabel, uid);
}

/**
 * Upstream's defaulting makes a label-less job share its template's label map, so the labels that
 * generateSelector adds to the template show on the job too.
 */
function prepareForCreate(object: KubeObject): void {
  const templateLabels = () => record(record(record(object.spec).template).metadata).labels;
  const sharesTemplateLabels = Object.keys(object.metadata.labels ?? {}).length === 0 || jsonEqual(object.metadata.labels, templateLabels());
  if (record(object.spec).manualSelector !== true) generateSelector(object);
  resetStatusForCreate(object);
  if (sharesTemplateLabels && templateLabels()) object.metadata.labels = { ...(templateLabels() as Record<string, string>) };
}

function validate(object: KubeObject): FieldError[] {
  return [...validateGeneratedSelector(object, true), ...validateJobSpec(record(object.spec)), ...validateIndexedHostname(object)];
}

/** Scheduling directives of a suspended job that never started may change (AllowMutableSchedulingDirectives). */
function comparableTemplate(template: unknown, other: unknown, mutable: boolean): unknown {
  if (!mutable) return template;
  const copy = structuredClone(record(template));
  const otherTemplate = record(other);
  const podSpec = ensureRecord(copy, 'spec');
  const otherSpec = record(otherTemplate.spec);
  for (const key of ['nodeSelector', 'tolerations', 'schedulingGates']) podSpec[key] = otherSpec[key];
  if (podSpec.affinity != null || otherSpec.affinity != null) podSpec.affinity = { ...record(podSpec.affinity), nodeAffinity: record(otherSpec.affinity).nodeAffinity };
  ensureRecord(copy, 'metadata').labels = record(otherTemplate.metadata).labels;
  ensureRecord(copy, 'metadata').annotations = record(otherTemplate.metadata).annotations;
  return copy;
}

/** ValidateJobSpecUpdate (with ElasticIndexedJob: completions may change with parallelism for Indexed jobs). */
function validateUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const oldSpec = record(old.spec);
  const errors: FieldError[] = [];
  if (spec.completionMode === 'Indexed' && !jsonEqual(spec.completions, oldSpec.completions) && spec.completions != null) {
    if (spec.completions !== spec.parallelism) errors.push(fieldErrors.invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism'));
  } else {
    errors.push(...fieldImmutable(spec.completions, oldSpec.completions, 'spec.completions'));
  }
  errors.push(...fieldImmutable(spec.selector, oldSpec.selector, 'spec.selector'));
  const mutable = oldSpec.suspend === true && record(old.status).startTime == null;
  errors.push(...fieldImmutable(spec.template, comparableTemplate(oldSpec.template, spec.template, mutable), 'spec.template'));
  for (const name of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    errors.push(...fieldImmutable(spec[name], oldSpec[name], `spec.${name}`));
  }
  return errors;
}

function conditionTrue(object: KubeObject, type: string): boolean {
  const condition = records(record(object.status).conditions).find((c) => c.type === type);
  return condition?.status === 'True';
}

function jobStatus(object: KubeObject): string {
  if (conditionTrue(object, 'Complete')) return 'Complete';
  if (conditionTrue(object, 'Failed')) return 'Failed';
  if (object.metadata.deletionTimestamp) return 'Terminating';
  if (conditionTrue(object, 'Suspended')) return 'Suspended';
  if (conditionTrue(object, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(spec: Record<string, unknown>, succeeded: number): string {
  if (typeof spec.completions === 'number') return `${succeeded}/${spec.completions}`;
  const parallelism = intCell(spec.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function duration(status: Record<string, unknown>, now: Date): string {
  if (typeof status.startTime !== 'string') return '';
  const end = typeof status.completionTime === 'string' ? Date.parse(status.completionTime) : now.getTime();
  return humanDuration(end - Date.parse(status.startTime));
}

function row(object: KubeObject, ctx: { now: Date }): unknown[] {
  const spec = record(object.spec);
  const status = record(object.status);
  const [containers, images] = containerCells(record(spec.template, 'spec').containers);
  const cells = [object.metadata.name, jobStatus(object), completions(spec, intCell(status.succeeded)), duration(status, ctx.now), age(object, ctx.now)];
  return [...cells, containers, images, formatLabelSelector(spec.selector)];
}

/** batch/v1 Job, as pkg/registry/batch/job/strategy.go. */
export const jobStrategy: ResourceStrategy = {
  defaults,
  prepareForCreate,
  prepareForUpdate: (object, old) => keepStatusForUpdate(object, old),
  validate,
  validateUpdate,
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old, false),
  table: {
    columns: [
      nameColumn,
      column('Status', 'string', 'Status of the job.'),
      column('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
      column('Duration', 'string', 'Time required to complete the job.'),
      ageColumn,
      containersColumn,
      imagesColumn,
      column('Selector', 'string', 'A label query over pods that should match the pod count.', 1),
    ],
    row,
  },
  selectableFields: (object) => ({ 'status.successful': String(intCell(record(object.status).succeeded)) }),
};
