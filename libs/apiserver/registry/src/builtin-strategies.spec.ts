import { apiVersionOf } from './resource-registry';
import { builtinResources } from './builtin';
import { clusterExamples } from './testing/cluster-examples';
import { coreExamples } from './testing/core-examples';
import { describeStrategy } from './testing/strategy-test-kit';
import { workloadExamples } from './testing/workload-examples';

const examples = { ...coreExamples, ...workloadExamples, ...clusterExamples };
const key = (d: { group: string; version: string; resource: string }) => `${d.group}/${d.version}/${d.resource}`;

describe('every built-in strategy', () => {
  it('has a valid example for the strategy test kit, and no example is left for a kind that is gone', () => {
    expect(Object.keys(examples).sort()).toEqual(builtinResources().map(key).sort());
  });

  it('has a broken example for every stored kind', () => {
    const unbroken = builtinResources().filter((d) => !d.review && !d.computed && !examples[key(d)]?.broken);
    expect(unbroken.map((d) => `${d.resource} (${apiVersionOf(d)})`)).toEqual([]);
  });
});

for (const definition of builtinResources()) {
  const example = examples[key(definition)];
  if (example) describeStrategy(definition, example);
}
