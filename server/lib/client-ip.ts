import net from 'node:net';

/**
 * The key per-IP limits count under. IPv6 clients usually get a whole /64, so an address is keyed by its /64
 * prefix; otherwise one customer line would be an unlimited supply of addresses. IPv4-mapped IPv6 counts as IPv4.
 */
export function clientIpKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (net.isIPv6(ip)) return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
  return ip;
}

function expandIPv6(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = ip.includes('::') ? 8 - headParts.length - tailParts.length : 0;
  return [...headParts, ...Array(missing).fill('0'), ...tailParts].map((part) => part.toLowerCase().replace(/^0+(?=.)/, ''));
}
