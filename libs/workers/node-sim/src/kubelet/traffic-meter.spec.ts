import { TrafficMeter, TRAFFIC_WINDOW_MS } from './traffic-meter';

describe('TrafficMeter', () => {
  it('counts the requests per pod over the last window, and forgets older ones', () => {
    const meter = new TrafficMeter();
    for (let i = 0; i < 50; i++) meter.record('10.244.1.5', 1_000 + i * 100);
    meter.record('10.244.2.7', 5_000);
    expect(meter.ratePerSecond('10.244.1.5', 6_000)).toBe(50 / (TRAFFIC_WINDOW_MS / 1000));
    expect(meter.ratePerSecond('10.244.2.7', 6_000)).toBe(0.1);
    expect(meter.ratePerSecond('10.244.1.5', 1_000 + TRAFFIC_WINDOW_MS + 2_500)).toBe(24 / (TRAFFIC_WINDOW_MS / 1000));
    expect(meter.ratePerSecond('10.244.1.5', 60_000)).toBe(0);
    expect(meter.ratePerSecond('10.244.9.9', 6_000)).toBe(0);
  });
});
