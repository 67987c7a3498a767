import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, eq, NOW, throws } from './helpers.ts';

const T = 1703444325734390000; // 2023-12-24T18:58:45.73439Z, a Sunday

test('time.date/clock/weekday in UTC and with zones', () => {
  eq('time.clock', [T], [18, 58, 45]);
  eq('time.clock', [[T, 'UTC']], [18, 58, 45]);
  eq('time.clock', [[T, '']], [18, 58, 45]);
  eq('time.clock', [[T, 'CET']], [19, 58, 45]);
  eq('time.date', [T], [2023, 12, 24]);
  eq('time.weekday', [T], 'Sunday');
  eq('time.date', [[1517814000000000000, 'America/Los_Angeles']], [2018, 2, 4]);
  eq('time.date', [1582977600000000000], [2020, 2, 29]);
  assert.ok(Array.isArray(call('time.clock', [T, 'Local'])));
});

test('weekday and date across midnight in a zone', () => {
  // 2023-12-24T23:30:00Z is already Monday the 25th in Berlin, still Sunday in New York.
  const late = Date.UTC(2023, 11, 24, 23, 30) * 1e6;
  eq('time.weekday', [[late, 'Europe/Berlin']], 'Monday');
  eq('time.date', [[late, 'Europe/Berlin']], [2023, 12, 25]);
  eq('time.weekday', [[late, 'America/New_York']], 'Sunday');
  eq('time.clock', [[late, 'America/New_York']], [18, 30, 0]);
  // 2024-01-01T03:00Z is still New Year's Eve in Los Angeles.
  eq('time.date', [[Date.UTC(2024, 0, 1, 3) * 1e6, 'America/Los_Angeles']], [2023, 12, 31]);
});

test('DST boundaries', () => {
  // Europe/Berlin springs forward at 2024-03-31T01:00Z (02:00 CET -> 03:00 CEST).
  eq('time.clock', [[Date.UTC(2024, 2, 31, 0, 59, 59) * 1e6, 'Europe/Berlin']], [1, 59, 59]);
  eq('time.clock', [[Date.UTC(2024, 2, 31, 1, 0, 0) * 1e6, 'Europe/Berlin']], [3, 0, 0]);
  // ...and falls back at 2024-10-27T01:00Z (03:00 CEST -> 02:00 CET).
  eq('time.clock', [[Date.UTC(2024, 9, 27, 0, 59, 59) * 1e6, 'Europe/Berlin']], [2, 59, 59]);
  eq('time.clock', [[Date.UTC(2024, 9, 27, 1, 0, 0) * 1e6, 'Europe/Berlin']], [2, 0, 0]);
  // New York: 2024-03-10T07:00Z is 03:00 EDT.
  eq('time.clock', [[Date.UTC(2024, 2, 10, 6, 59) * 1e6, 'America/New_York']], [1, 59, 0]);
  eq('time.clock', [[Date.UTC(2024, 2, 10, 7, 0) * 1e6, 'America/New_York']], [3, 0, 0]);
  eq('time.format', [[Date.UTC(2024, 6, 1, 12) * 1e6, 'America/New_York', 'RFC3339']], '2024-07-01T08:00:00-04:00');
  eq('time.format', [[Date.UTC(2024, 0, 1, 12) * 1e6, 'America/New_York', 'RFC3339']], '2024-01-01T07:00:00-05:00');
});

test('bad time inputs fail', () => {
  throws('time.clock', '1703444325734390000');
  throws('time.clock', 1582977600 * 1e12);
  throws('time.weekday', 1582977600 * 1e12);
  throws('time.date', [T, 'Mars/Olympus_Mons']);
  throws('time.format', [T, 'UTC', 42]);
});

test('time.format with Go layouts', () => {
  eq('time.format', [T], '2023-12-24T18:58:45.73439Z');
  eq('time.format', [1257894000000000000], '2009-11-10T23:00:00Z');
  eq('time.format', [[T, 'UTC', '2006-01-02T15:04:05']], '2023-12-24T18:58:45');
  eq('time.format', [[1257894000000000000, '', '02/01/2006 15:04']], '10/11/2009 23:00');
  const t = 1670006453141828000;
  eq('time.format', [[t, 'Asia/Kolkata', 'Mon Jan 02 15:04:05 -0700 2006']], 'Sat Dec 03 00:10:53 +0530 2022');
  eq('time.format', [[t, 'Asia/Kolkata', 'RFC1123Z']], 'Sat, 03 Dec 2022 00:10:53 +0530');
  eq('time.format', [[t, 'UTC', 'Kitchen']], '6:40PM');
  eq('time.format', [[t, 'UTC', 'Jan _2 15:04:05.000']], 'Dec  2 18:40:53.141');
  eq('time.format', [[t, 'UTC', 'January 2, 2006 (Monday) 002']], 'December 2, 2022 (Friday) 336');
});

test('time.parse_ns and parse_rfc3339_ns', () => {
  eq('time.parse_ns', ['2006-01-02T15:04:05Z07:00', '2017-06-02T19:00:00-07:00'], 1496455200000000000);
  eq('time.parse_ns', ["01/02 03:04:05PM '06 -0700", "06/02 07:00:00PM '17 -0700"], 1496455200000000000);
  eq('time.parse_ns', ['RFC822Z', '02 Jun 17 19:00 -0700'], 1496455200000000000);
  eq('time.parse_ns', ['2006-01-02T15:04:05Z07:00', '1677-09-21T00:12:43.145224192-00:00'], -9223372036854775808);
  eq('time.parse_ns', ['2006-01-02T15:04:05Z07:00', '2262-04-11T23:47:16.854775807-00:00'], 9223372036854775807);
  throws('time.parse_ns', '2006-01-02T15:04:05Z07:00', '1677-09-21T00:12:43.145224191-00:00');
  throws('time.parse_ns', '2006-01-02T15:04:05Z07:00', '2262-04-11T23:47:16.854775808-00:00');
  eq('time.parse_ns', ['2006-01-02', '2020-02-29'], 1582934400000000000);
  throws('time.parse_ns', '2006-01-02', '2021-02-29');
  throws('time.parse_ns', '2006-01-02', '2021-02-01x');
  eq('time.parse_rfc3339_ns', ['2017-06-02T19:00:00.5Z'], 1496430000500000000);
  throws('time.parse_rfc3339_ns', '2017-06-02 19:00:00Z');
  const s = call('time.format', [T, 'UTC', '2006-01-02T15:04:05.999999999']) as string;
  eq('time.parse_ns', ['2006-01-02T15:04:05.999999999', s], T);
});

test('time.parse_duration_ns', () => {
  eq('time.parse_duration_ns', ['1h'], 3600e9);
  eq('time.parse_duration_ns', ['1h6m13.3s20ms15µs1ns'], 3973320015001);
  eq('time.parse_duration_ns', ['1.2h20.2ms15µs56ns'], 4320020215056);
  eq('time.parse_duration_ns', ['15.000001ms'], 15000001);
  eq('time.parse_duration_ns', ['-1.5s'], -1.5e9);
  // OPA's own duration parser (topdown/durationparser) adds days, weeks and years to Go's units.
  eq('time.parse_duration_ns', ['1d'], 86400e9);
  eq('time.parse_duration_ns', ['1w2d'], 9 * 86400e9);
  throws('time.parse_duration_ns', '1x');
  throws('time.parse_duration_ns', 100);
});

test('time.add_date and time.diff', () => {
  eq('time.add_date', [T, 1, 0, 0], 1735066725734390000);
  eq('time.add_date', [T, 0, 15, 0], 1742842725734390000);
  eq('time.add_date', [T, -213, -6, -5], -5034459674265610000);
  eq('time.add_date', [1585852421593912000, -1, -1, -1], 1551465221593912000);
  // Jan 31 + 1 month overflows into March, as Go's AddDate.
  eq('time.add_date', [Date.UTC(2023, 0, 31) * 1e6, 0, 1, 0], Date.UTC(2023, 2, 3) * 1e6);
  throws('time.add_date', -9223372036854775808, 0, 0, -1);
  const d = (s: string) => call('time.parse_ns', '2006-01-02', s)!;
  eq('time.diff', [d('2020-02-02'), d('2020-03-01')], [0, 0, 28, 0, 0, 0]);
  eq('time.diff', [d('2021-02-02'), d('2021-03-01')], [0, 0, 27, 0, 0, 0]);
  eq('time.diff', [d('2004-02-29'), d('2005-03-01')], [1, 0, 1, 0, 0, 0]);
  eq('time.diff', [[NOW + 60e9, 'UTC'], [NOW, 'Asia/Shanghai']], [0, 0, 0, 0, 1, 0]);
  eq('time.now_ns', [], NOW);
});

test('zone abbreviations for the MST layout element', () => {
  const winter = Date.UTC(2024, 0, 15, 12) * 1e6, summer = Date.UTC(2024, 6, 15, 12) * 1e6;
  eq('time.format', [[winter, 'Europe/Berlin', 'RFC1123']], 'Mon, 15 Jan 2024 13:00:00 CET');
  eq('time.format', [[summer, 'Europe/Berlin', 'RFC1123']], 'Mon, 15 Jul 2024 14:00:00 CEST');
  eq('time.format', [[summer, 'Europe/London', 'UnixDate']], 'Mon Jul 15 13:00:00 BST 2024');
  eq('time.format', [[winter, 'America/New_York', 'RFC822']], '15 Jan 24 07:00 EST');
  eq('time.format', [[winter, 'UTC', 'RFC822']], '15 Jan 24 12:00 UTC');
  eq('time.format', [[winter, 'Asia/Kolkata', 'MST']], 'IST');
  // A layout without a year parses as year 0, outside the int64 nanosecond range (as in OPA).
  throws('time.parse_ns', '15:04', '10:30');
});
