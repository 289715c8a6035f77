import { createClock } from '@drydock/util';
import { makePod } from '../framework/testing';
import { SchedulingQueue } from './scheduling-queue';

describe('SchedulingQueue', () => {
  let queue: SchedulingQueue;
  afterEach(() => queue.close());

  it('pops higher priority first, then in arrival order, and drops deleted pods', async () => {
    queue = new SchedulingQueue(createClock(1));
    queue.add(makePod('low'));
    queue.add(makePod('high', { priority: 100 }));
    queue.add(makePod('gone'));
    queue.add(makePod('later'));
    queue.delete('default/gone');
    const order = [(await queue.pop())!.key, (await queue.pop())!.key, (await queue.pop())!.key];
    expect(order).toEqual(['default/high', 'default/low', 'default/later']);
    expect(queue.tryPop()).toBeUndefined();
  });

  it('keeps an unschedulable pod until a cluster change, then retries it after its back-off', async () => {
    queue = new SchedulingQueue(createClock(100));
    queue.add(makePod('p'));
    const entry = (await queue.pop())!;
    queue.addUnschedulable(entry, 'unschedulable');
    expect(queue.counts().unschedulable).toBe(1);
    queue.moveAllToActiveOrBackoff();
    expect(queue.counts().backoff).toBe(1);
    const again = await queue.pop();
    expect(again?.key).toBe('default/p');
    expect(again?.attempts).toBe(2);
    expect(Date.now() - entry.failedAt).toBeGreaterThanOrEqual(9);
  });

  it('retries a pod at once when the cluster changed during its cycle', () => {
    queue = new SchedulingQueue(createClock(1000));
    queue.add(makePod('p'));
    const entry = queue.tryPop()!;
    queue.moveAllToActiveOrBackoff();
    queue.addUnschedulable(entry, 'unschedulable');
    expect(queue.counts().backoff + queue.counts().active).toBe(1);
  });

  it('doubles the back-off per attempt up to 10 simulated seconds', () => {
    queue = new SchedulingQueue(createClock(1));
    queue.add(makePod('p'));
    const entry = queue.tryPop()!;
    entry.failedAt = 0;
    expect(queue.backoffExpiry(entry)).toBe(1000);
    entry.attempts = 3;
    expect(queue.backoffExpiry(entry)).toBe(4000);
    entry.attempts = 10;
    expect(queue.backoffExpiry(entry)).toBe(10000);
  });

  it('resolves a waiting pop when a pod arrives and undefined when closed', async () => {
    queue = new SchedulingQueue(createClock(1));
    const waiting = queue.pop();
    queue.add(makePod('p'));
    expect((await waiting)?.key).toBe('default/p');
    const closed = queue.pop();
    queue.close();
    expect(await closed).toBeUndefined();
  });
});
