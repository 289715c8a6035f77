import { LoadBalancerPool } from './load-balancer-pool';

describe('LoadBalancerPool', () => {
  it('hands out the lowest free address of its ranges in order', () => {
    const pool = LoadBalancerPool.parse('172.18.255.200-172.18.255.201, 10.0.0.7');
    expect(pool.allocate(new Set())).toBe('172.18.255.200');
    expect(pool.allocate(new Set(['172.18.255.200']))).toBe('172.18.255.201');
    expect(pool.allocate(new Set(['172.18.255.200', '172.18.255.201']))).toBe('10.0.0.7');
    expect(() => pool.allocate(new Set(['172.18.255.200', '172.18.255.201', '10.0.0.7']))).toThrow('no available IP in the load balancer pool 172.18.255.200-172.18.255.201, 10.0.0.7');
  });

  it('gives a requested address only when it is in the pool and free', () => {
    const pool = LoadBalancerPool.parse('192.168.10.0/30');
    expect(pool.allocate(new Set(), '192.168.10.2')).toBe('192.168.10.2');
    expect(() => pool.allocate(new Set(), '192.168.10.3')).toThrow('requested IP 192.168.10.3 is not in the load balancer pool 192.168.10.0/30');
    expect(() => pool.allocate(new Set(['192.168.10.2']), '192.168.10.2')).toThrow('requested IP 192.168.10.2 is already in use');
    expect(pool.allocate(new Set())).toBe('192.168.10.1');
  });

  it('refuses what is not an IPv4 range', () => {
    expect(() => LoadBalancerPool.parse('')).toThrow('no address range');
    expect(() => LoadBalancerPool.parse('10.0.0.9-10.0.0.1')).toThrow('invalid load balancer pool entry "10.0.0.9-10.0.0.1"');
    expect(() => LoadBalancerPool.parse('2001:db8::/64')).toThrow('invalid load balancer pool entry');
  });
});
