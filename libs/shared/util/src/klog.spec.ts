import { klogLine } from './klog';

describe('klogLine', () => {
  it('writes klog\'s header: severity, date, microseconds, the thread id in 7 columns, the source', () => {
    const at = new Date('2026-12-07T01:33:27.123Z');
    expect(klogLine('schedule_one.go:314', '"Successfully bound pod to node"', { at })).toBe('I1207 01:33:27.123000       1 schedule_one.go:314] "Successfully bound pod to node"');
    expect(klogLine('kubelet.go:2476', 'x', { at, severity: 'E', threadId: 4312 })).toBe('E1207 01:33:27.123000    4312 kubelet.go:2476] x');
  });
});
