// The cost of refusing bad input at the door (src/http/input-hygiene.ts): the body check over a
// 50,000-member SCIM group PUT (about 4 MB, as Okta sends) beside JSON.parse of the same text, the
// parse every request already pays, measured in the same run. Usage: node --import tsx bench/http/hygiene.ts [members]
import { randomUUID } from 'node:crypto';
import { jsonFault, urlFault } from '../../src/http/input-hygiene.ts';

const members = Number(process.argv[2] ?? 50_000);
const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'big', members: Array.from({ length: members }, () => ({ value: randomUUID(), display: 'Ann Lee' })) };
const text = JSON.stringify(body);
const url = `/scim/v2/Users?filter=${encodeURIComponent('userName eq "ann@example.org" and emails[type eq "work"]')}&startIndex=1&count=100`;

const time = (n: number, f: () => unknown) => {
  for (let i = 0; i < 3; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - t) / n;
};
const parsed = JSON.parse(text);
const parse = time(20, () => JSON.parse(text));
const check = time(20, () => jsonFault(parsed, { wellFormed: true }));
const decode = time(100_000, () => decodeURIComponent(url));
const urlCheck = time(100_000, () => urlFault(url));
console.log(`${(text.length / 1e6).toFixed(1)} MB body, ${members} members`);
console.log(`baseline  JSON.parse            ${parse.toFixed(2)} ms`);
console.log(`body check (NUL, surrogates, depth) ${check.toFixed(2)} ms   ${(check / parse).toFixed(2)}x the baseline`);
console.log(`baseline  decodeURIComponent(url)   ${(decode * 1000).toFixed(2)} µs`);
console.log(`URL check (every segment, every query pair) ${(urlCheck * 1000).toFixed(2)} µs   ${(urlCheck / decode).toFixed(2)}x the baseline`);
