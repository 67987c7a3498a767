import { test } from 'node:test';
import { eq, S, throws } from './helpers.ts';

test('CIDR containment and intersection, IPv4 and IPv6', () => {
  eq('net.cidr_contains', ['10.0.0.0/8', '10.1.2.3'], true);
  eq('net.cidr_contains', ['10.0.0.0/8', '192.168.1.1'], false);
  eq('net.cidr_contains', ['10.0.0.0/8', '10.1.1.1/32'], true);
  eq('net.cidr_contains', ['172.17.0.0/24', '172.17.0.0/16'], false);
  eq('net.cidr_contains', ['2001:4860::/32', '2001:4860::/96'], true);
  eq('net.cidr_contains', ['2001:4860::/96', '2001:4860::/32'], false);
  eq('net.cidr_contains', ['2001:4860::/32', 'fd1e:5bfe:8af3:9ddc::/64'], false);
  eq('net.cidr_contains', ['2001:db8::/32', '2001:db8:ffff::1'], true);
  eq('net.cidr_contains', ['10.0.0.0/8', '::1'], false);
  eq('net.cidr_contains', ['10.0.0.0/8', '::ffff:10.0.0.1'], true);
  eq('net.cidr_contains', ['192.168.1.77/24', '192.168.1.1'], true);
  throws('net.cidr_contains', '10.0.0.0', '10.0.0.1');
  throws('net.cidr_contains', '10.0.0.0/8', 'not-an-ip');
  throws('net.cidr_contains', '010.0.0.0/8', '10.0.0.1');
  eq('net.cidr_intersects', ['192.168.1.0/25', '192.168.1.64/25'], true);
  eq('net.cidr_intersects', ['192.168.1.0/25', '192.168.1.128/25'], false);
  eq('net.cidr_intersects', ['fd1e:5bfe:8af3:9ddc::/64', 'fd1e:5bfe:8af3:9ddc:1111::/72'], true);
  eq('net.cidr_intersects', ['10.0.0.0/8', '::/0'], false);
  eq('net.cidr_is_valid', ['192.168.1.0/24'], true);
  eq('net.cidr_is_valid', ['2002::1234:abcd:ffff:c0a8:101/64'], true);
  eq('net.cidr_is_valid', ['192.168.1.2'], false);
  eq('net.cidr_is_valid', ['10.0.0.0/33'], false);
  eq('net.cidr_is_valid', [''], false);
});

test('CIDR expand, merge and matches', () => {
  eq('net.cidr_expand', ['192.168.1.0/30'], ['192.168.1.0', '192.168.1.1', '192.168.1.2', '192.168.1.3']);
  eq('net.cidr_expand', ['2001:db8::/127'], ['2001:db8::', '2001:db8::1']);
  eq('net.cidr_merge', [['192.0.128.0/24', '192.0.129.0/24']], ['192.0.128.0/23']);
  eq('net.cidr_merge', [['10.0.0.0/8', '10.1.0.0/16', '1.2.3.4']], ['1.2.3.4/32', '10.0.0.0/8']);
  eq('net.cidr_merge', [S('2001:db8::/65', '2001:db8:0:0:8000::/65')], ['2001:db8::/64']);
  eq('net.cidr_contains_matches', ['1.1.1.0/24', '1.1.1.1'], [['1.1.1.0/24', '1.1.1.1']]);
  eq('net.cidr_contains_matches', [S('1.1.1.0/24', '1.1.2.0/24'), S('1.1.1.1', '1.1.2.1')],
    [['1.1.1.0/24', '1.1.1.1'], ['1.1.2.0/24', '1.1.2.1']]);
  eq('net.cidr_contains_matches', [['1.1.1.0/24', ['10.0.0.0/8', 'tag']], ['10.2.3.4']], [[1, 0]]);
});

test('units.parse and units.parse_bytes', () => {
  eq('units.parse', ['"100TI"'], 109951162777600);
  eq('units.parse', ['1.1Ki'], 1126.4);
  eq('units.parse', ['.5K'], 500);
  eq('units.parse', ['10E'], 1e19);
  eq('units.parse', ['10ei'], 11529215046068469760);
  eq('units.parse', ['1M'], 1e6);
  eq('units.parse', ['1'], 1);
  eq('units.parse', ['0.0'], 0);
  throws('units.parse', '1 m');
  throws('units.parse', '1mb');
  throws('units.parse', 'm');
  throws('units.parse', ['1']);
  eq('units.parse_bytes', ['"100TIB"'], 109951162777600);
  eq('units.parse_bytes', ['1.1KiB'], 1126);
  eq('units.parse_bytes', ['10KB'], 10000);
  eq('units.parse_bytes', ['200mb'], 2e8);
  eq('units.parse_bytes', ['100ki'], 102400);
  eq('units.parse_bytes', ['12345'], 12345);
  throws('units.parse_bytes', '1 m');
  throws('units.parse_bytes', '5xb');
});
