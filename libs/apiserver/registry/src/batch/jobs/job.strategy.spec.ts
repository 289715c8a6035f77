import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { jobStrategy } from './job.strategy';
import { valueAt } from '../../support/object-fields';

const uid = '6f1c7a0e-2b1d-4c55-9a1e-0d3b8f1e2a77';
const ctx = { now: new Date('2026-11-22T01:00:00Z') };

function job(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid, creationTimestamp: '2026-11-22T00:00:00Z' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } }, ...spec },
  };
}

function created(spec: Record<string, unknown> = {}): KubeObject {
  const object = job(spec);
  jobStrategy.defaults!(object);
  jobStrategy.prepareForCreate!(object, ctx);
  return object;
}

describe('job strategy', () => {
  it('defaults completions, parallelism, backoffLimit, completion mode, suspend and manualSelector', () => {
    const object = job();
    jobStrategy.defaults!(object);
    expect(object.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, manualSelector: false, podReplacementPolicy: 'TerminatingOrFailed' });
  });

  it('leaves completions unset when only parallelism is given', () => {
    const object = job({ parallelism: 3 });
    jobStrategy.defaults!(object);
    expect((object.spec as Record<string, unknown>).completions).toBeUndefined();
  });

  it('generates the controller-uid selector and template labels from metadata.uid', () => {
    const object = created();
    expect(valueAt(object, 'spec.selector')).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(valueAt(object, 'spec.template.metadata.labels')).toEqual({
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    });
    expect(object.metadata.labels).toEqual(valueAt(object, 'spec.template.metadata.labels'));
    expect(object.status).toEqual({});
    expect(object.metadata.generation).toBe(1);
    expect(jobStrategy.validate(object)).toEqual([]);
  });

  it('gives a job without labels its template labels, generated ones included', () => {
    const object = created({ template: { metadata: { labels: { app: 'pi' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } });
    expect(object.metadata.labels).toEqual({ app: 'pi', 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' });
  });

  it('does not generate a selector with manualSelector', () => {
    const object = created({ manualSelector: true, selector: { matchLabels: { app: 'pi' } } });
    expect(valueAt(object, 'spec.selector')).toEqual({ matchLabels: { app: 'pi' } });
    expect(jobStrategy.validate(object).map(fieldErrorMessage)).toEqual(['spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`']);
  });

  it('rejects a user selector without manualSelector as not auto-generated', () => {
    const object = created({ selector: { matchLabels: { app: 'pi' } } });
    expect(jobStrategy.validate(object).map(fieldErrorMessage)).toContain('spec.selector: Invalid value: {"matchLabels":{"app":"pi","batch.kubernetes.io/controller-uid":"' + uid + '"}}: `selector` not auto-generated');
  });

  it('requires restartPolicy OnFailure or Never', () => {
    const object = job();
    delete (valueAt(object, 'spec.template.spec') as Record<string, unknown>).restartPolicy;
    jobStrategy.defaults!(object);
    jobStrategy.prepareForCreate!(object, ctx);
    expect(jobStrategy.validate(object).map(fieldErrorMessage)).toEqual(['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
  });

  it('makes the template and completions immutable', () => {
    const old = created();
    const updated = structuredClone(old);
    (updated.spec as Record<string, unknown>).completions = 2;
    (valueAt(updated, 'spec.template.spec.containers') as Record<string, unknown>[])[0].image = 'perl:5.36';
    expect(jobStrategy.validateUpdate!(updated, old).map((e) => e.field)).toEqual(['spec.completions', 'spec.template']);
  });

  it('prints status, completions and duration', () => {
    const object = created();
    object.status = { succeeded: 1, startTime: '2026-11-22T00:00:05Z', completionTime: '2026-11-22T00:00:35Z', conditions: [{ type: 'Complete', status: 'True' }] };
    expect(jobStrategy.table!.row(object, ctx)).toEqual(['pi', 'Complete', '1/1', '30s', '60m', 'pi', 'perl:5.34', `batch.kubernetes.io/controller-uid=${uid}`]);
    const running = created({ parallelism: 2, completions: null });
    running.status = { startTime: '2026-11-22T00:58:00Z' };
    expect(jobStrategy.table!.row(running, ctx).slice(1, 4)).toEqual(['Running', '0/1 of 2', '2m']);
  });
});

describe('job pod failure policy', () => {
  it('defaults condition patterns to True and checks rules with upstream messages', () => {
    const object = created({
      podFailurePolicy: {
        rules: [
          { action: 'FailJob', onExitCodes: { containerName: 'other', operator: 'In', values: [3, 0, 1] } },
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
          { action: 'Retry' },
        ],
      },
    });
    expect(valueAt(object, 'spec.podFailurePolicy.rules')).toContainEqual({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] });
    expect(valueAt(object, 'spec.podReplacementPolicy')).toBe('Failed');
    expect(jobStrategy.validate(object).map(fieldErrorMessage)).toEqual([
      'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "other": must be one of the container or initContainer names in the pod template',
      'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator',
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [3,0,1]: must be ordered',
      'spec.podFailurePolicy.rules[2].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      'spec.podFailurePolicy.rules[2]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
    ]);
  });
});
