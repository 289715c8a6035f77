import { KeyedTaskQueue } from './keyed-task-queue';

describe('KeyedTaskQueue', () => {
  it('runs at most `limit` tasks at once and keeps only the latest waiting task per key', async () => {
    const queue = new KeyedTaskQueue(1);
    const ran: string[] = [];
    let release!: () => void;
    queue.push('a', () => new Promise<void>((resolve) => (release = () => (ran.push('a1'), resolve()))));
    queue.push('b', async () => void ran.push('b1'));
    queue.push('b', async () => void ran.push('b2'));
    expect(queue.size).toBe(2);
    release();
    await queue.idle();
    expect(ran).toEqual(['a1', 'b2']);
  });
});
