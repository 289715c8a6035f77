import { copyFixture, editManifest } from './harness/fixtures';
import { AGE, expectFailure, expectSuccess, lines } from './harness/expectations';
import { applyObjects, getJson, useDrydock } from './harness/use-drydock';

const CRD = 'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com';

describe('custom resources', () => {
  const drydock = useDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const crontab = () => `${drydock().workDir}/crontab.yaml`;

  beforeAll(() => {
    copyFixture('custom-resources/crontab-crd.yaml', drydock().workDir, 'crontab-crd.yaml');
    copyFixture('custom-resources/crontab.yaml', drydock().workDir, 'crontab.yaml');
  });

  it('apply -f of a CustomResourceDefinition creates it and it becomes Established', async () => {
    expect(expectSuccess(await kubectl('apply', '-f', `${drydock().workDir}/crontab-crd.yaml`))).toBe(`${CRD} created\n`);
    const waited = await kubectl('wait', '--for=condition=Established', 'crd/crontabs.stable.example.com', '--timeout=30s');
    expect(expectSuccess(waited)).toBe(`${CRD} condition met\n`);
  });

  it('the new kind is served: api-resources lists it with its short name', async () => {
    const out = lines(expectSuccess(await kubectl('api-resources', '--api-group=stable.example.com')));
    expect(out).toContainEqual(expect.stringMatching(/^crontabs\s+ct\s+stable\.example\.com\/v1\s+true\s+CronTab$/));
  });

  it('apply -f of a custom resource prints created, unchanged, then configured after an edit', async () => {
    const apply = async () => expectSuccess(await kubectl('apply', '-f', crontab()));
    expect(await apply()).toBe('crontab.stable.example.com/my-new-cron-object created\n');
    expect(await apply()).toBe('crontab.stable.example.com/my-new-cron-object unchanged\n');
    editManifest(crontab(), (object) => (object.spec.replicas = 2));
    expect(await apply()).toBe('crontab.stable.example.com/my-new-cron-object configured\n');
    expect((await getJson(drydock(), ['crontab', 'my-new-cron-object'])).spec).toEqual({ cronSpec: '* * * * */5', image: 'my-awesome-cron-image', replicas: 2 });
  });

  it('get by short name prints the additionalPrinterColumns', async () => {
    const out = lines(expectSuccess(await kubectl('get', 'ct')));
    expect(out[0]).toMatch(/^NAME\s+SPEC\s+REPLICAS\s+AGE$/);
    expect(out[1]).toMatch(new RegExp(`^my-new-cron-object\\s+\\* \\* \\* \\* \\*/5\\s+2\\s+${AGE}$`));
  });

  it('an unknown field in a custom resource is a strict decoding error', async () => {
    const file = copyFixture('custom-resources/crontab.yaml', drydock().workDir, 'crontab-unknown.yaml');
    editManifest(file, (object) => {
      object.metadata.name = 'unknown-field';
      object.spec.foo = 'bar';
    });
    expect(expectFailure(await kubectl('apply', '-f', file))).toMatch(/^Error from server \(BadRequest\): .*strict decoding error: unknown field "spec\.foo"$/m);
  });

  it('a value of the wrong type is rejected with the schema path', async () => {
    const file = copyFixture('custom-resources/crontab.yaml', drydock().workDir, 'crontab-wrong-type.yaml');
    editManifest(file, (object) => {
      object.metadata.name = 'wrong-type';
      object.spec.replicas = 'one';
    });
    expect(expectFailure(await kubectl('apply', '-f', file))).toMatch(/^The CronTab "wrong-type" is invalid: spec\.replicas: Invalid value: "string": spec\.replicas in body must be of type integer: "string"$/m);
  });

  it('explain shows the fields of the custom resource schema', async () => {
    const out = expectSuccess(await kubectl('explain', 'crontab.spec'));
    expect(out).toMatch(/^KIND:\s+CronTab$/m);
    expect(out).toMatch(/^\s+cronSpec\s+<string>$/m);
    expect(out).toMatch(/^\s+replicas\s+<integer>$/m);
  });

  it('delete of a custom resource removes it', async () => {
    expect(expectSuccess(await kubectl('delete', 'crontab', 'my-new-cron-object'))).toBe('crontab.stable.example.com "my-new-cron-object" deleted from default namespace\n');
    expect(expectFailure(await kubectl('get', 'crontab', 'my-new-cron-object'))).toContain(
      'Error from server (NotFound): crontabs.stable.example.com "my-new-cron-object" not found',
    );
  });

  describe('with the status and scale subresources', () => {
    const widget = () => getJson(drydock(), ['widget', 'w1']);

    beforeAll(async () => {
      expectSuccess(await kubectl('apply', '-f', copyFixture('custom-resources/widget-crd.yaml', drydock().workDir, 'widget-crd.yaml')));
      expectSuccess(await kubectl('wait', '--for=condition=Established', 'crd/widgets.e2e.drydock.dev', '--timeout=30s'));
      await applyObjects(drydock(), { apiVersion: 'e2e.drydock.dev/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { replicas: 1 } });
    });

    it('patch --subresource=status changes the status and leaves metadata.generation alone', async () => {
      const status = '{"status":{"replicas":1,"phase":"Ready","selector":"app=w1"}}';
      expect(expectSuccess(await kubectl('patch', 'widget', 'w1', '--subresource=status', '--type', 'merge', '-p', status))).toBe('widget.e2e.drydock.dev/w1 patched\n');
      const live = await widget();
      expect(live.status).toEqual({ replicas: 1, phase: 'Ready', selector: 'app=w1' });
      expect(live.metadata.generation).toBe(1);
    });

    it('a status change sent to the main resource is ignored, as is a spec change sent to /status', async () => {
      expectSuccess(await kubectl('patch', 'widget', 'w1', '--type', 'merge', '-p', '{"status":{"phase":"Broken"}}'));
      expectSuccess(await kubectl('patch', 'widget', 'w1', '--subresource=status', '--type', 'merge', '-p', '{"spec":{"replicas":9}}'));
      const live = await widget();
      expect(live.status.phase).toBe('Ready');
      expect(live.spec.replicas).toBe(1);
    });

    it('scale --replicas goes through the scale subresource and bumps the generation', async () => {
      expect(expectSuccess(await kubectl('scale', 'widget', 'w1', '--replicas=3'))).toBe('widget.e2e.drydock.dev/w1 scaled\n');
      const live = await widget();
      expect(live.spec.replicas).toBe(3);
      expect(live.metadata.generation).toBe(2);
      const scale = JSON.parse(expectSuccess(await kubectl('get', '--raw', '/apis/e2e.drydock.dev/v1/namespaces/default/widgets/w1/scale')));
      expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 }, status: { replicas: 1, selector: 'app=w1' } });
    });
  });
});
