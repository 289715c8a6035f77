import { fieldErrorMessage, type KubeObject } from '@drydock/util';
import { mandatoryFlowSchemas, mandatoryPriorityLevels, suggestedFlowSchemas, suggestedPriorityLevels } from './bootstrap-configuration';
import { flowSchemaStrategy } from './flowschemas/flowschema.strategy';
import { priorityLevelConfigurationStrategy } from './prioritylevelconfigurations/prioritylevelconfiguration.strategy';

const now = new Date('2026-12-07T00:00:10Z');
const withCreation = (object: KubeObject): KubeObject => ({ ...object, metadata: { ...object.metadata, creationTimestamp: '2026-12-07T00:00:00Z' } });

describe('flowcontrol strategies', () => {
  it('accepts every bootstrap object unchanged by defaulting', () => {
    for (const [objects, strategy] of [[[...mandatoryFlowSchemas(), ...suggestedFlowSchemas()], flowSchemaStrategy], [[...mandatoryPriorityLevels(), ...suggestedPriorityLevels()], priorityLevelConfigurationStrategy]] as const) {
      for (const object of objects) {
        const defaulted = structuredClone(object);
        strategy.defaults!(defaulted);
        expect(defaulted).toEqual(object);
        expect(strategy.validate(object)).toEqual([]);
      }
    }
  });

  it('prints kubectl get flowschemas and prioritylevelconfigurations as upstream', () => {
    const catchAll = withCreation(mandatoryFlowSchemas()[1]);
    expect(flowSchemaStrategy.table!.row(catchAll, { now })).toEqual(['catch-all', 'catch-all', 10000, 'ByUser', '10s', '?']);
    catchAll.status = { conditions: [{ type: 'Dangling', status: 'False' }] };
    expect(flowSchemaStrategy.table!.row(catchAll, { now })[5]).toBe('False');
    const [exempt, catchAllLevel] = mandatoryPriorityLevels().map(withCreation);
    expect(priorityLevelConfigurationStrategy.table!.row(exempt, { now })).toEqual(['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', '10s']);
    expect(priorityLevelConfigurationStrategy.table!.row(catchAllLevel, { now })).toEqual(['catch-all', 'Limited', 5, '<none>', '<none>', '<none>', '10s']);
    expect(priorityLevelConfigurationStrategy.table!.row(withCreation(suggestedPriorityLevels()[2]), { now })).toEqual(['leader-election', 'Limited', 10, 16, 4, 50, '10s']);
  });

  it('defaults a priority level and a flow schema as SetDefaults_*', () => {
    const level: KubeObject = { metadata: { name: 'batch' }, spec: { type: 'Limited', limited: { limitResponse: { type: 'Queue', queuing: {} } } } };
    priorityLevelConfigurationStrategy.defaults!(level);
    expect(level.spec).toEqual({ type: 'Limited', limited: { nominalConcurrencyShares: 30, lendablePercent: 0, limitResponse: { type: 'Queue', queuing: { handSize: 8, queues: 64, queueLengthLimit: 50 } } } });
    const schema: KubeObject = { metadata: { name: 'mine' }, spec: { priorityLevelConfiguration: { name: 'batch' } } };
    flowSchemaStrategy.defaults!(schema);
    expect((schema.spec as { matchingPrecedence: number }).matchingPrecedence).toBe(1000);
  });

  it('refuses what upstream refuses, with its messages', () => {
    const schema: KubeObject = {
      metadata: { name: 'mine' },
      spec: { priorityLevelConfiguration: { name: '' }, matchingPrecedence: 1, distinguisherMethod: { type: 'ByGroup' }, rules: [{ subjects: [{ kind: 'User' }], resourceRules: [{ verbs: ['get', '*'], apiGroups: [], resources: ['pods'] }], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/a*'] }] }] },
    };
    expect(flowSchemaStrategy.validate(schema).map(fieldErrorMessage)).toEqual([
      "spec.matchingPrecedence: Invalid value: 1: only the schema named 'exempt' may have matchingPrecedence 1",
      'spec.distinguisherMethod.type: Unsupported value: {"type":"ByGroup"}: supported values: "ByNamespace", "ByUser"',
      'spec.priorityLevelConfiguration.name: Required value: must reference a priority level',
      "spec.rules[0].subjects[0].user: Required value: user is required when subject kind is 'User'",
      `spec.rules[0].resourceRules[0].verbs: Invalid value: ["get","*"]: if '*' is present, must not specify other verbs`,
      'spec.rules[0].resourceRules[0].apiGroups: Required value: resource rules must supply at least one api group',
      'spec.rules[0].resourceRules[0].namespaces: Required value: resource rules that are not cluster scoped must supply at least one namespace',
      'spec.rules[0].nonResourceRules[0].nonResourceURLs[0]: Invalid value: "/a*": wildcard can only do suffix matching',
    ]);
    const changedCatchAll = mandatoryFlowSchemas()[1];
    (changedCatchAll.spec as { matchingPrecedence: number }).matchingPrecedence = 9999;
    expect(flowSchemaStrategy.validate(changedCatchAll).map(fieldErrorMessage).at(-1)).toMatch(/^spec: Invalid value: .*: spec of 'catch-all' must equal the fixed value$/);
    const level: KubeObject = { metadata: { name: 'batch' }, spec: { type: 'Limited', limited: { nominalConcurrencyShares: -1, limitResponse: { type: 'Queue', queuing: { queues: 8, handSize: 9, queueLengthLimit: 0 } } } } };
    expect(priorityLevelConfigurationStrategy.validate(level).map(fieldErrorMessage)).toEqual([
      'spec.limited.nominalConcurrencyShares: Invalid value: -1: must be a non-negative integer',
      'spec.limited.limitResponse.queuing.queueLengthLimit: Invalid value: 0: must be positive',
      'spec.limited.limitResponse.queuing.handSize: Invalid value: 9: should not be greater than queues (8)',
    ]);
    const exempt = mandatoryPriorityLevels()[0];
    (exempt.spec as { exempt: { nominalConcurrencyShares: number } }).exempt.nominalConcurrencyShares = 10;
    expect(priorityLevelConfigurationStrategy.validate(exempt)).toEqual([]);
  });
});
