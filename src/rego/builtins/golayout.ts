// Go time layouts ("2006-01-02T15:04:05Z07:00"): formatting and parsing, as Go's time.Format/time.Parse.
import { daysIn, zoneAbbr, type Fields } from './timecore.ts';

export const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006', UnixDate: 'Mon Jan _2 15:04:05 MST 2006', RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST', RFC822Z: '02 Jan 06 15:04 -0700', RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST', RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700', RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00', Kitchen: '3:04PM', Stamp: 'Jan _2 15:04:05',
  StampMilli: 'Jan _2 15:04:05.000', StampMicro: 'Jan _2 15:04:05.000000', StampNano: 'Jan _2 15:04:05.000000000',
  DateTime: '2006-01-02 15:04:05', DateOnly: '2006-01-02', TimeOnly: '15:04:05',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Chunk = { lit: string } | { std: string; digits?: number };

// Longest-first per leading character, as Go's nextStdChunk.
const STD = ['January', 'Jan', 'Monday', 'Mon', 'MST', '002', '01', '02', '03', '04', '05', '06', '15', '1', '2006', '2',
  '__2', '_2', '3', '4', '5', 'PM', 'pm', '-070000', '-07:00:00', '-0700', '-07:00', '-07',
  'Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07'];

export function chunks(layout: string): Chunk[] {
  const out: Chunk[] = [];
  let lit = '';
  for (let i = 0; i < layout.length;) {
    const c = layout[i]!;
    if ((c === '.' || c === ',') && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
      let j = i + 1;
      while (layout[j] === layout[i + 1]) j++;
      if (!/[0-9]/.test(layout[j] ?? '')) {
        if (lit) { out.push({ lit }); lit = ''; }
        out.push({ std: (layout[i + 1] === '0' ? 'frac0' : 'frac9') + c, digits: j - i - 1 });
        i = j;
        continue;
      }
    }
    // "Jan"/"Mon" only count when not followed by a lower-case letter ("Janet" is literal), like Go.
    const std = STD.find((s) => layout.startsWith(s, i) &&
      !((s === 'Jan' || s === 'Mon') && /[a-z]/.test(layout[i + 3] ?? '')) &&
      !(s === '_2' && layout.startsWith('_2006', i)));
    if (std) {
      if (lit) { out.push({ lit }); lit = ''; }
      out.push({ std });
      i += std.length;
    } else { lit += c; i++; }
  }
  if (lit) out.push({ lit });
  return out;
}

const p2 = (n: number) => String(n).padStart(2, '0');

function zone(f: Fields, std: string): string {
  if (std.startsWith('Z') && f.offset === 0) return 'Z';
  const sign = f.offset < 0 ? '-' : '+';
  const a = Math.abs(f.offset);
  const hh = p2(Math.floor(a / 3600)), mm = p2(Math.floor((a % 3600) / 60)), ss = p2(a % 60);
  const body = std.replace(/^[Z-]/, '');
  switch (body) {
    case '070000': return sign + hh + mm + ss;
    case '07:00:00': return `${sign}${hh}:${mm}:${ss}`;
    case '0700': return sign + hh + mm;
    case '07:00': return `${sign}${hh}:${mm}`;
    default: return sign + hh;
  }
}

export function format(f: Fields, layout: string): string {
  let out = '';
  for (const ch of chunks(layout)) {
    if ('lit' in ch) { out += ch.lit; continue; }
    const s = ch.std;
    const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
    switch (s) {
      case 'January': out += MONTHS[f.month - 1]; break;
      case 'Jan': out += MONTHS[f.month - 1]!.slice(0, 3); break;
      case 'Monday': out += DAYS[f.weekday]; break;
      case 'Mon': out += DAYS[f.weekday]!.slice(0, 3); break;
      case 'MST': out += zoneAbbr(f.zone, f.unixSec, f.offset); break;
      case '01': out += p2(f.month); break;
      case '1': out += f.month; break;
      case '02': out += p2(f.day); break;
      case '2': out += f.day; break;
      case '_2': out += String(f.day).padStart(2, ' '); break;
      case '002': out += String(f.yearDay).padStart(3, '0'); break;
      case '__2': out += String(f.yearDay).padStart(3, ' '); break;
      case '03': out += p2(h12); break;
      case '3': out += h12; break;
      case '04': out += p2(f.minute); break;
      case '4': out += f.minute; break;
      case '05': out += p2(f.second); break;
      case '5': out += f.second; break;
      case '06': out += p2(((f.year % 100) + 100) % 100); break;
      case '2006': out += f.year < 0 ? '-' + String(-f.year).padStart(4, '0') : String(f.year).padStart(4, '0'); break;
      case '15': out += p2(f.hour); break;
      case 'PM': out += f.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += f.hour >= 12 ? 'pm' : 'am'; break;
      default:
        if (s.startsWith('frac')) {
          const digits = String(f.nanos).padStart(9, '0').slice(0, ch.digits);
          const sep = s.slice(-1);
          if (s.startsWith('frac0')) out += sep + digits;
          else { const t = digits.replace(/0+$/, ''); if (t) out += sep + t; }
        } else out += zone(f, s);
    }
  }
  return out;
}

export interface Parsed {
  year: number; month: number; day: number; hour: number; minute: number; second: number; nanos: number;
  offset?: number; // seconds east of UTC when the value names one
}

export class ParseError extends Error {}

/** Go's time.Parse. Without a zone in the value the time is UTC. */
export function parse(layout: string, value: string): Parsed {
  // Go: elements missing from the layout are zero, or one where zero is impossible (year 0, January 1).
  const r: Parsed = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanos: 0 };
  let pm: boolean | undefined, yday = -1, v = value;
  const bad = (what = '') => { throw new ParseError(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(v)}${what}`); };
  const num = (min: number, max: number, fixed: boolean): number => {
    const m = (fixed ? new RegExp(`^\\d{${max}}`) : new RegExp(`^\\d{${min},${max}}`)).exec(v);
    if (!m) bad();
    v = v.slice(m![0].length);
    return Number(m![0]);
  };
  const word = (list: string[], n?: number): number => {
    const i = list.findIndex((w) => v.toLowerCase().startsWith((n ? w.slice(0, n) : w).toLowerCase()));
    if (i < 0) bad();
    v = v.slice(n ?? list[i]!.length);
    return i;
  };
  const cs = chunks(layout);
  for (let k = 0; k < cs.length; k++) {
    const ch = cs[k]!;
    if ('lit' in ch) {
      if (!v.startsWith(ch.lit)) bad();
      v = v.slice(ch.lit.length);
      continue;
    }
    switch (ch.std) {
      case 'January': r.month = word(MONTHS) + 1; break;
      case 'Jan': r.month = word(MONTHS, 3) + 1; break;
      case 'Monday': word(DAYS); break;
      case 'Mon': word(DAYS, 3); break;
      case '01': r.month = num(2, 2, true); break;
      case '1': r.month = num(1, 2, false); break;
      case '02': r.day = num(2, 2, true); break;
      case '2': r.day = num(1, 2, false); break;
      case '_2': if (v.startsWith(' ')) v = v.slice(1); r.day = num(1, 2, false); break;
      case '002': yday = num(3, 3, true); break;
      case '__2': v = v.replace(/^ {1,2}/, ''); yday = num(1, 3, false); break;
      case '03': r.hour = num(2, 2, true); break;
      case '3': r.hour = num(1, 2, false); break;
      case '15': r.hour = num(1, 2, false); break;
      case '04': r.minute = num(2, 2, true); break;
      case '4': r.minute = num(1, 2, false); break;
      case '05': case '5': {
        r.second = ch.std === '05' ? num(2, 2, true) : num(1, 2, false);
        // Go accepts a fractional second after seconds even when the layout has none.
        const next = cs[k + 1];
        const frac = /^[.,](\d+)/.exec(v);
        if (frac && !(next && 'std' in next && next.std.startsWith('frac'))) {
          r.nanos = Number(frac[1]!.slice(0, 9).padEnd(9, '0'));
          v = v.slice(frac[0].length);
        }
        break;
      }
      case '06': { const y = num(2, 2, true); r.year = y >= 69 ? 1900 + y : 2000 + y; break; }
      case '2006': {
        const m = /^[+-]?\d{4}/.exec(v);
        if (!m) bad();
        r.year = Number(m![0]); v = v.slice(m![0].length); break;
      }
      case 'PM': case 'pm': {
        const ap = v.slice(0, 2).toUpperCase();
        if (ap !== 'AM' && ap !== 'PM') bad();
        pm = ap === 'PM'; v = v.slice(2); break;
      }
      case 'MST': {
        const m = /^(UTC|GMT([+-]\d{1,2})?|[A-Z]{3,5}|[+-]\d\d(\d\d)?)/.exec(v);
        if (!m) bad();
        // Go: an unknown abbreviation gives a zero offset (only UTC/GMT are known without a location).
        r.offset = m![2] ? Number(m![2]) * 3600 : 0;
        v = v.slice(m![0].length); break;
      }
      default:
        if (ch.std.startsWith('frac')) {
          const sep = /^[.,](\d+)/.exec(v);
          if (ch.std.startsWith('frac0')) {
            const m = new RegExp(`^[.,](\\d{${ch.digits}})`).exec(v);
            if (!m) bad();
            r.nanos = Number(m![1]!.slice(0, 9).padEnd(9, '0')); v = v.slice(m![0].length);
          } else if (sep) {
            r.nanos = Number(sep[1]!.slice(0, 9).padEnd(9, '0')); v = v.slice(sep[0].length);
          }
          break;
        }
        if (ch.std.startsWith('Z') && v.startsWith('Z')) { r.offset = 0; v = v.slice(1); break; }
        {
          const body = ch.std.replace(/^[Z-]/, '');
          const re = { '070000': /^([+-])(\d\d)(\d\d)(\d\d)/, '07:00:00': /^([+-])(\d\d):(\d\d):(\d\d)/, '0700': /^([+-])(\d\d)(\d\d)/,
            '07:00': /^([+-])(\d\d):(\d\d)/, '07': /^([+-])(\d\d)/ }[body]!;
          const m = re.exec(v);
          if (!m) bad();
          const secs = Number(m![2]) * 3600 + Number(m![3] ?? 0) * 60 + Number(m![4] ?? 0);
          r.offset = m![1] === '-' ? -secs : secs;
          v = v.slice(m![0].length);
        }
    }
  }
  if (v !== '') throw new ParseError(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(v)}`);
  if (pm !== undefined) {
    if (r.hour > 12) throw new ParseError(`parsing time ${JSON.stringify(value)}: hour out of range`);
    if (pm && r.hour < 12) r.hour += 12;
    else if (!pm && r.hour === 12) r.hour = 0;
  }
  if (yday >= 0) {
    let m = 1, d = yday;
    while (m <= 12 && d > daysIn(r.year, m)) { d -= daysIn(r.year, m); m++; }
    if (m > 12 || d < 1) throw new ParseError(`parsing time ${JSON.stringify(value)}: day-of-year out of range`);
    r.month = m; r.day = d;
  }
  if (r.month < 1 || r.month > 12) throw new ParseError(`parsing time ${JSON.stringify(value)}: month out of range`);
  if (r.day < 1 || r.day > daysIn(r.year, r.month)) throw new ParseError(`parsing time ${JSON.stringify(value)}: day out of range`);
  if (r.hour > 23 || r.minute > 59 || r.second > 59) throw new ParseError(`parsing time ${JSON.stringify(value)}: time out of range`);
  return r;
}
