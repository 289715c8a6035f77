import { containerLogTime, kubeMicroTime, kubeTime, rfc3339Nano } from './kube-time';

const at = new Date(Date.UTC(2026, 0, 1, 0, 0, 7, 120));

describe('Kubernetes timestamps', () => {
  it('writes metav1.Time in whole seconds, truncating', () => {
    expect(kubeTime(at)).toBe('2026-01-01T00:00:07Z');
    expect(kubeTime(at.getTime())).toBe('2026-01-01T00:00:07Z');
  });

  it('writes metav1.MicroTime with six fractional digits', () => {
    expect(kubeMicroTime(at)).toBe('2026-01-01T00:00:07.120000Z');
  });

  it('writes RFC3339Nano without trailing zeros', () => {
    expect(rfc3339Nano(at)).toBe('2026-01-01T00:00:07.12Z');
    expect(rfc3339Nano(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00Z');
  });

  it('writes container log timestamps with nine fractional digits', () => {
    expect(containerLogTime(at)).toBe('2026-01-01T00:00:07.120000000Z');
  });
});
