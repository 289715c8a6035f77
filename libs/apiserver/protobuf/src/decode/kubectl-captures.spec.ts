import { fixtureBody, fixtureJson, kubectlFixtures } from '../testing/kubectl-fixtures';
import { decodeKubernetesProtobuf } from './kubernetes-protobuf.decoder';

const fixtures = kubectlFixtures();

/**
 * encoding/json writes `null` for a nil list or map without omitempty (HPA status.currentMetrics); the decoder
 * leaves such a field out instead, as absent from the wire.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}
const withExpected = fixtures.filter((f) => f.expected);

describe('bodies captured from kubectl v1.35', () => {
  it('has the captured fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(35);
    expect(withExpected.length).toBeGreaterThanOrEqual(25);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('decodes %s', (_file, fixture) => {
    expect(fixture.contentType).toBe('application/vnd.kubernetes.protobuf');
    const object = decodeKubernetesProtobuf(fixtureBody(fixture.file));
    expect(typeof object['apiVersion']).toBe('string');
    expect(typeof object['kind']).toBe('string');
  });

  it.each(withExpected.map((f) => [f.file, f] as const))('%s decodes to what kubectl prints for --dry-run=client -o json', (_file, fixture) => {
    expect(decodeKubernetesProtobuf(fixtureBody(fixture.file))).toEqual(withoutNulls(fixtureJson(fixture.expected as string)));
  });
});
