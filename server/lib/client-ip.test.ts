import { describe, expect, it } from 'vitest';
import { clientIpKey } from './client-ip.js';

describe('clientIpKey', () => {
  it('keys IPv4 by address', () => {
    expect(clientIpKey('192.0.2.10')).toBe('192.0.2.10');
    expect(clientIpKey('::ffff:192.0.2.10')).toBe('192.0.2.10');
  });

  it('keys IPv6 by its /64, however it is written', () => {
    expect(clientIpKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientIpKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientIpKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });
});
