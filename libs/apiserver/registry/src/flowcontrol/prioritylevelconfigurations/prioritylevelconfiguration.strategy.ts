import { FieldError, fieldErrors, jsonEqual, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { record, text } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';
import { mandatorySpec } from '../bootstrap-configuration';
import { validateConditions } from '../flowcontrol-validation';

const maxQueues = 10_000_000;
/** shufflesharding.MaxHashBits. */
const maxHashBits = 60;

/** SetDefaults_ExemptPriorityLevelConfiguration, SetDefaults_LimitedPriorityLevelConfiguration, SetDefaults_QueuingConfiguration. */
function defaults(object: KubeObject): void {
  const spec = record(object.spec);
  object.spec = spec;
  if (spec.exempt != null) {
    const exempt = record(spec.exempt);
    exempt.nominalConcurrencyShares ??= 0;
    exempt.lendablePercent ??= 0;
  }
  if (spec.limited == null) return;
  const limited = record(spec.limited);
  limited.nominalConcurrencyShares ??= 30;
  limited.lendablePercent ??= 0;
  const queuing = record(limited.limitResponse).queuing;
  if (queuing == null) return;
  const config = record(queuing);
  if (!config.handSize) config.handSize = 8;
  if (!config.queues) config.queues = 64;
  if (!config.queueLengthLimit) config.queueLengthLimit = 50;
}

const isNumber = (value: unknown): value is number => typeof value === 'number';

function validateShares(config: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const shares = config.nominalConcurrencyShares;
  if (isNumber(shares) && shares < 0) errors.push(fieldErrors.invalid(`${path}.nominalConcurrencyShares`, shares, 'must be a non-negative integer'));
  const lendable = config.lendablePercent;
  if (isNumber(lendable) && !(lendable >= 0 && lendable <= 100)) errors.push(fieldErrors.invalid(`${path}.lendablePercent`, lendable, 'must be between 0 and 100, inclusive'));
  return errors;
}

/** ValidatePriorityLevelQueuingConfiguration. */
function validateQueuing(queuing: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const queueLengthLimit = Number(queuing.queueLengthLimit ?? 0);
  const queues = Number(queuing.queues ?? 0);
  const handSize = Number(queuing.handSize ?? 0);
  if (queueLengthLimit <= 0) errors.push(fieldErrors.invalid(`${path}.queueLengthLimit`, queueLengthLimit, 'must be positive'));
  if (queues <= 0) errors.push(fieldErrors.invalid(`${path}.queues`, queues, 'must be positive'));
  else if (queues > maxQueues) errors.push(fieldErrors.invalid(`${path}.queues`, queues, `must not be greater than ${maxQueues}`));
  if (handSize <= 0) errors.push(fieldErrors.invalid(`${path}.handSize`, handSize, 'must be positive'));
  else if (handSize > queues) errors.push(fieldErrors.invalid(`${path}.handSize`, handSize, `should not be greater than queues (${queues})`));
  else if (Math.ceil(Math.log2(queues) * handSize) > maxHashBits) {
    errors.push(fieldErrors.invalid(`${path}.handSize`, handSize, `required entropy bits of deckSize ${queues} and handSize ${handSize} should not be greater than ${maxHashBits}`));
  }
  return errors;
}

function validateLimited(limited: Record<string, unknown>, path: string): FieldError[] {
  const errors = validateShares(limited, path);
  const response = record(limited.limitResponse);
  const responsePath = `${path}.limitResponse`;
  const type = text(response.type);
  if (type === 'Reject') {
    if (response.queuing != null) errors.push(fieldErrors.forbidden(`${responsePath}.queuing`, 'must be nil if limited.limitResponse.type is not Limited'));
  } else if (type === 'Queue') {
    if (response.queuing == null) errors.push(fieldErrors.required(`${responsePath}.queuing`, 'must not be empty if limited.limitResponse.type is Limited'));
    else errors.push(...validateQueuing(record(response.queuing), `${responsePath}.queuing`));
  } else errors.push(fieldErrors.notSupported(`${responsePath}.type`, type, ['Queue', 'Reject']));
  const borrowing = limited.borrowingLimitPercent;
  if (isNumber(borrowing) && borrowing < 0) errors.push(fieldErrors.invalid(`${path}.borrowingLimitPercent`, borrowing, 'if specified, must be a non-negative integer'));
  return errors;
}

/** The fixed spec of a mandatory level; the exempt level's `spec.exempt` may be tuned. */
function mandatoryErrors(object: KubeObject): FieldError[] {
  const name = object.metadata.name ?? '';
  const mandatory = mandatorySpec('PriorityLevelConfiguration', name) as Record<string, unknown> | undefined;
  if (!mandatory) return [];
  if (name === 'exempt') {
    const withoutExempt = (spec: Record<string, unknown>) => ({ ...spec, exempt: undefined });
    return jsonEqual(withoutExempt(record(object.spec)), withoutExempt(mandatory)) ? [] : [fieldErrors.invalid('spec', object.spec, "spec of 'exempt' except the 'spec.exempt' field must equal the fixed value")];
  }
  return jsonEqual(object.spec, mandatory) ? [] : [fieldErrors.invalid('spec', object.spec, `spec of '${name}' must equal the fixed value`)];
}

/** ValidatePriorityLevelConfiguration. */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const type = text(spec.type);
  const errors: FieldError[] = [];
  if ((object.metadata.name === 'exempt') !== (type === 'Exempt')) errors.push(fieldErrors.invalid('spec.type', type, "type must be 'Exempt' if and only if name is 'exempt'"));
  if (type === 'Exempt') {
    if (spec.limited != null) errors.push(fieldErrors.forbidden('spec.limited', 'must be nil if the type is not Limited'));
    if (spec.exempt != null) errors.push(...validateShares(record(spec.exempt), 'spec.exempt'));
  } else if (type === 'Limited') {
    if (spec.exempt != null) errors.push(fieldErrors.forbidden('spec.exempt', 'must be nil if the type is Limited'));
    if (spec.limited == null) errors.push(fieldErrors.required('spec.limited', 'must not be empty when type is Limited'));
    else errors.push(...validateLimited(record(spec.limited), 'spec.limited'));
  } else errors.push(fieldErrors.notSupported('spec.type', type, ['Exempt', 'Limited']));
  return [...errors, ...mandatoryErrors(object), ...validateConditions(object)];
}

/** printPriorityLevelConfiguration. */
function row(object: KubeObject, now: Date): unknown[] {
  const spec = record(object.spec);
  const cells: unknown[] = ['<none>', '<none>', '<none>', '<none>'];
  if (spec.limited != null) {
    const limited = record(spec.limited);
    cells[0] = Number(limited.nominalConcurrencyShares ?? 0);
    const queuing = record(limited.limitResponse).queuing;
    if (queuing != null) {
      const config = record(queuing);
      cells.splice(1, 3, Number(config.queues ?? 0), Number(config.handSize ?? 0), Number(config.queueLengthLimit ?? 0));
    }
  }
  return [object.metadata.name, text(spec.type), ...cells, age(object, now)];
}

/** flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration. */
export const priorityLevelConfigurationStrategy: ResourceStrategy = {
  defaults,
  prepareForCreate: (object) => resetStatusForCreate(object),
  prepareForUpdate: (object, old) => keepStatusForUpdate(object, old),
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old),
  validate,
  table: {
    columns: [
      nameColumn,
      column('Type', 'string', '`type` indicates whether this priority level is subject to limitation on request execution.  A value of `"Exempt"` means that requests of this priority level are not subject to a limit (and thus are never queued) and do not detract from the capacity made available to other priority levels.  A value of `"Limited"` means that (a) requests of this priority level _are_ subject to limits and (b) some of the server\'s limited capacity is made available exclusively to this priority level. Required.'),
      column('NominalConcurrencyShares', 'string', "`nominalConcurrencyShares` (NCS) contributes to the computation of the NominalConcurrencyLimit (NominalCL) of this level. This is the number of execution seats available at this priority level. This is used both for requests dispatched from this priority level as well as requests dispatched from other priority levels borrowing seats from this level. The server's concurrency limit (ServerCL) is divided among the Limited priority levels in proportion to their NCS values:\n\nNominalCL(i)  = ceil( ServerCL * NCS(i) / sum_ncs ) sum_ncs = sum[priority level k] NCS(k)\n\nBigger numbers mean a larger nominal concurrency limit, at the expense of every other priority level.\n\nIf not specified, this field defaults to a value of 30.\n\nSetting this field to zero supports the construction of a \"jail\" for this priority level that is used to hold some request(s)"),
      column('Queues', 'string', '`queues` is the number of queues for this priority level. The queues exist independently at each apiserver. The value must be positive.  Setting it to 1 effectively precludes shufflesharding and thus makes the distinguisher method of associated flow schemas irrelevant.  This field has a default value of 64.'),
      column('HandSize', 'string', "`handSize` is a small positive number that configures the shuffle sharding of requests into queues.  When enqueuing a request at this priority level the request's flow identifier (a string pair) is hashed and the hash value is used to shuffle the list of queues and deal a hand of the size specified here.  The request is put into one of the shortest queues in that hand. `handSize` must be no larger than `queues`, and should be significantly smaller (so that a few heavy flows do not saturate most of the queues).  See the user-facing documentation for more extensive guidance on setting this field.  This field has a default value of 8."),
      column('QueueLengthLimit', 'string', '`queueLengthLimit` is the maximum number of requests allowed to be waiting in a given queue of this priority level at a time; excess requests are rejected.  This value must be positive.  If not specified, it will be defaulted to 50.'),
      ageColumn,
    ],
    row: (object, ctx) => row(object, ctx.now),
  },
};
