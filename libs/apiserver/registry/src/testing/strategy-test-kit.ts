import type { FieldError, KubeObject } from '@drydock/util';
import { apiVersionOf } from '../resource-registry';
import type { ResourceDefinition, StrategyContext } from '../resource.types';
import { defaultTable } from '../support/table-columns';

/**
 * The properties every strategy must hold, checked from a definition and one valid example, as upstream's
 * registry tests do with resttest (staging/src/k8s.io/apiserver/pkg/registry/rest/resttest). Call
 * describeStrategy from a spec; each property becomes its own test. The objects go through the strategy
 * the way the generic store drives it: defaults → prepareForCreate → validate on create, defaults →
 * prepareForUpdate → validate → validateUpdate on update, prepareForStatusUpdate on `/status`.
 */
export interface StrategyExample {
  /** A valid object of the kind as a client would send it (before defaults; namespaced kinds carry a namespace). */
  valid: KubeObject;
  /** Turns the valid object into an invalid one; validate must then return field errors with paths. Absent only for kinds upstream never validates. */
  broken?: (object: KubeObject) => void;
  /** The field whose changes bump metadata.generation, for the kinds that track it upstream (PodTemplate: `template`). */
  generation?: 'spec' | 'template';
  /** Changes the desired state (default: a new key under `generation`'s field; schemas that prune unknown fields need a real one). */
  change?: (object: KubeObject) => void;
  /** Create keeps the client's status although the kind has a status subresource (upstream's Node: kubelets register with status). */
  createKeepsStatus?: boolean;
}

const ctx: StrategyContext = { now: new Date('2026-01-02T03:04:05Z') };
const clientMarker = { kitClientValue: 'set by the client' };

const clone = (object: KubeObject): KubeObject => structuredClone(object);

/** What the generic store does on create: server-owned metadata, then defaults and prepareForCreate. */
export function created(definition: ResourceDefinition, body: KubeObject): KubeObject {
  const object = clone(body);
  object.apiVersion = apiVersionOf(definition);
  object.kind = definition.kind;
  object.metadata = { ...object.metadata, uid: '00000000-0000-4000-8000-000000000001', creationTimestamp: '2026-01-01T00:00:00Z' };
  delete object.metadata.generation;
  delete object.metadata.resourceVersion;
  definition.strategy.defaults?.(object);
  definition.strategy.prepareForCreate?.(object, ctx);
  return object;
}

/** The stored object an update starts from (a resourceVersion, and generation 4 where it is tracked). */
function stored(definition: ResourceDefinition, example: StrategyExample): KubeObject {
  const object = created(definition, example.valid);
  object.metadata.resourceVersion = '12';
  if (example.generation) object.metadata.generation = 4;
  return object;
}

/** What the generic store does on a main-resource update: stored generation copied, defaults, prepareForUpdate. */
function updated(definition: ResourceDefinition, old: KubeObject, change: (object: KubeObject) => void): KubeObject {
  const object = clone(old);
  change(object);
  if (old.metadata.generation === undefined) delete object.metadata.generation;
  else object.metadata.generation = old.metadata.generation;
  definition.strategy.defaults?.(object);
  definition.strategy.prepareForUpdate?.(object, old, ctx);
  return object;
}

function expectFieldErrors(errors: FieldError[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.type).toMatch(/^(FieldValue[A-Za-z]+|InternalError)$/);
    expect(typeof error.field).toBe('string');
  }
  // At least one error names the field at fault (`spec.template.spec.containers[0].image`).
  expect(errors.some((error) => /^[a-zA-Z]/.test(error.field))).toBe(true);
}

function expectPrintableCells(row: unknown[]): void {
  for (const cell of row) expect(['string', 'number', 'boolean'].includes(typeof cell) || cell === null).toBe(true);
}

function describeCreate(definition: ResourceDefinition, example: StrategyExample): void {
  const { strategy } = definition;
  it('defaults are idempotent', () => {
    const once = clone(example.valid);
    strategy.defaults?.(once);
    const twice = clone(once);
    strategy.defaults?.(twice);
    expect(twice).toEqual(once);
  });

  it('validate accepts the valid example once defaulted and prepared, and does not mutate it', () => {
    const object = created(definition, example.valid);
    const before = clone(object);
    expect(strategy.validate(object)).toEqual([]);
    expect(object).toEqual(before);
  });

  if (example.broken) {
    const broken = example.broken;
    it('validate returns field errors with paths for a broken object', () => {
      const body = clone(example.valid);
      broken(body);
      expectFieldErrors(strategy.validate(created(definition, body)));
    });
  }

  it(example.generation ? 'prepareForCreate starts metadata.generation at 1' : 'prepareForCreate leaves metadata.generation unset', () => {
    const object = created(definition, { ...clone(example.valid), metadata: { ...example.valid.metadata, generation: 7 } });
    expect(object.metadata.generation).toBe(example.generation ? 1 : undefined);
  });

  if (definition.subresources?.status) {
    it(example.createKeepsStatus ? 'prepareForCreate keeps the status the client sent' : 'prepareForCreate ignores the status the client sent', () => {
      const object = created(definition, { ...clone(example.valid), status: { ...clientMarker } });
      expect(JSON.stringify(object.status ?? null).includes(clientMarker.kitClientValue)).toBe(Boolean(example.createKeepsStatus));
    });
  }
}

function describeUpdate(definition: ResourceDefinition, example: StrategyExample): void {
  const { strategy } = definition;
  const field = example.generation ?? 'spec';

  it('an update that changes nothing is valid and keeps metadata.generation', () => {
    const old = stored(definition, example);
    const object = updated(definition, old, () => undefined);
    expect([...strategy.validate(object), ...(strategy.validateUpdate?.(object, old) ?? [])]).toEqual([]);
    expect(object.metadata.generation).toBe(old.metadata.generation);
  });

  it(example.generation ? `prepareForUpdate bumps metadata.generation when ${field} changes` : 'prepareForUpdate leaves metadata.generation alone', () => {
    const old = stored(definition, example);
    const change = example.change ?? ((o: KubeObject) => (o[field] = { ...(o[field] as object), kitChange: 1 }));
    const object = updated(definition, old, change);
    expect(object.metadata.generation).toBe(example.generation ? 5 : undefined);
  });

  if (definition.subresources?.status) {
    it('prepareForUpdate keeps the stored status on a main-resource update', () => {
      const old = stored(definition, example);
      const object = updated(definition, old, (o) => {
        o.status = { ...clientMarker };
      });
      expect(object.status).toEqual(old.status);
    });
  }

  if (strategy.prepareForStatusUpdate) {
    const prepareForStatusUpdate = strategy.prepareForStatusUpdate;
    it('prepareForStatusUpdate keeps the stored spec', () => {
      const old = stored(definition, example);
      const object = clone(old);
      object.spec = { ...clientMarker };
      prepareForStatusUpdate(object, old);
      expect(object.spec).toEqual(old.spec);
    });
  }
}

function describeReads(definition: ResourceDefinition, example: StrategyExample): void {
  const { strategy } = definition;
  const table = strategy.table ?? defaultTable;
  const bare = (): KubeObject => ({ metadata: { name: 'bare', ...(definition.namespaced ? { namespace: 'default' } : {}) } });

  it('prints a row with one printable cell per column, and unique column names', () => {
    const row = table.row(created(definition, example.valid), ctx);
    expect(row).toHaveLength(table.columns.length);
    expectPrintableCells(row);
    expect(new Set(table.columns.map((c) => c.name)).size).toBe(table.columns.length);
  });

  it('never throws on an object with only a name', () => {
    const object = created(definition, bare());
    expect(Array.isArray(strategy.validate(object))).toBe(true);
    expect(table.row(object, ctx)).toHaveLength(table.columns.length);
    strategy.selectableFields?.(object);
  });

  if (strategy.selectableFields) {
    const selectableFields = strategy.selectableFields;
    it('selectableFields returns strings, for the same field labels whatever the object holds', () => {
      const fields = selectableFields(created(definition, example.valid));
      for (const value of Object.values(fields)) expect(typeof value).toBe('string');
      // supportedFieldLabels reads the labels off an empty object: they must be the same set.
      expect(Object.keys(selectableFields({ metadata: {}, spec: {}, status: {} })).sort()).toEqual(Object.keys(fields).sort());
    });
  }
}

/** Declares the generic strategy tests for one definition. */
export function describeStrategy(definition: ResourceDefinition, example: StrategyExample): void {
  describe(`${definition.kind} (${apiVersionOf(definition)} ${definition.resource})`, () => {
    describeCreate(definition, example);
    describeUpdate(definition, example);
    describeReads(definition, example);
  });
}
