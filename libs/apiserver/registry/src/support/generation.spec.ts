import type { KubeObject } from '@drydock/util';
import { bumpGeneration, startGeneration } from './generation';
import { keepStatusForUpdate } from './status-subresource';

const object = (generation: number | undefined, spec: unknown, status?: unknown): KubeObject => ({ metadata: { name: 'web', generation }, spec, ...(status ? { status } : {}) });

describe('metadata.generation', () => {
  it('starts at 1 on create', () => {
    const created = object(7, {});
    startGeneration(created);
    expect(created.metadata.generation).toBe(1);
  });

  it('is the old generation plus one when the spec changed, a missing one counting as 0 (Go zero value)', () => {
    const changed = object(3, { replicas: 2 });
    bumpGeneration(changed, object(3, { replicas: 1 }));
    expect(changed.metadata.generation).toBe(4);
    const fromNothing = object(undefined, { replicas: 2 });
    bumpGeneration(fromNothing, object(undefined, { replicas: 1 }));
    expect(fromNothing.metadata.generation).toBe(1);
  });

  it('keeps the stored generation when the spec is unchanged, and leaves a missing one missing', () => {
    const same = object(9, { replicas: 1 });
    bumpGeneration(same, object(3, { replicas: 1 }));
    expect(same.metadata.generation).toBe(3);
    const none = object(undefined, { replicas: 1 });
    bumpGeneration(none, object(undefined, { replicas: 1 }));
    expect('generation' in none.metadata && none.metadata.generation !== undefined).toBe(false);
  });

  it('follows the field the kind tracks (PodTemplate: template)', () => {
    const template: KubeObject = { metadata: { name: 't', generation: 1 }, template: { spec: { a: 2 } } };
    bumpGeneration(template, { metadata: { name: 't', generation: 1 }, template: { spec: { a: 1 } } }, 'template');
    expect(template.metadata.generation).toBe(2);
  });

  it('keeps the stored status on a main-resource update, and bumps on annotations only when asked (Deployments)', () => {
    const old: KubeObject = { metadata: { name: 'web', generation: 2, annotations: { a: '1' } }, spec: { replicas: 1 }, status: { replicas: 1 } };
    const annotated: KubeObject = { metadata: { name: 'web', generation: 2, annotations: { a: '2' } }, spec: { replicas: 1 }, status: { replicas: 5 } };
    keepStatusForUpdate(annotated, old);
    expect(annotated.status).toEqual({ replicas: 1 });
    expect(annotated.metadata.generation).toBe(2);
    keepStatusForUpdate(annotated, old, true);
    expect(annotated.metadata.generation).toBe(3);
  });
});
