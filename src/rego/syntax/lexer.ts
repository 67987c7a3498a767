// Turns Rego source into tokens. Whitespace is not a token, but each token records whether a newline
// or any whitespace/comment preceded it: Rego separates body expressions by newlines, and `x [0]`
// (whitespace before `[`) is not a ref.

import { RegoParseError } from '../errors.ts';

export type TokKind = 'ident' | 'string' | 'number' | 'punct' | 'eof';

export interface Token {
  kind: TokKind;
  /** Identifier name, punctuation text, or the decoded string. */
  text: string;
  num?: number;
  /** The source text of a number literal (kept for exact integer parsing), or of a raw (backtick) string. */
  raw?: string;
  line: number;
  col: number;
  nlBefore: boolean;
  wsBefore: boolean;
}

const PUNCT3 = new Set<string>();
const PUNCT2 = new Set([':=', '==', '!=', '<=', '>=']);
const PUNCT1 = new Set(['{', '}', '[', ']', '(', ')', '.', ',', ';', ':', '=', '<', '>', '+', '-', '*', '/', '%', '&', '|']);

const isIdStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isDigit = (c: string) => c >= '0' && c <= '9';

export interface Comment { line: number; col: number; text: string }

/** Tokens; `comments` (when given) collects every `# …` comment with its position (for the formatter). */
export function tokenize(src: string, comments?: Comment[]): Token[] {
  const out: Token[] = [];
  let i = 0, line = 1, lineStart = 0;
  const n = src.length;
  const fail = (msg: string, at = i): never => {
    // Columns count characters from 1, as OPA's do.
    throw new RegoParseError(msg, line, at - lineStart + 1);
  };
  while (true) {
    let nl = false, ws = false;
    // Skip whitespace and comments.
    while (i < n) {
      const c = src[i]!;
      if (c === '\n') { nl = true; ws = true; i++; line++; lineStart = i; }
      else if (c === ' ' || c === '\t' || c === '\r' || c === '\u00a0' || c === '\ufeff') { ws = true; i++; }
      else if (c === '#') {
        ws = true;
        const start = i;
        while (i < n && src[i] !== '\n') i++;
        comments?.push({ line, col: start - lineStart + 1, text: src.slice(start, i).replace(/\s+$/, '') });
      }
      else break;
    }
    const col = i - lineStart + 1;
    if (i >= n) { out.push({ kind: 'eof', text: '', line, col, nlBefore: true, wsBefore: ws }); return out; }
    const c = src[i]!;
    const tok = (kind: TokKind, text: string, extra?: Partial<Token>): void => {
      out.push({ kind, text, line, col, nlBefore: nl, wsBefore: ws, ...extra });
    };
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && (isIdStart(src[j]!) || isDigit(src[j]!))) j++;
      tok('ident', src.slice(i, j));
      i = j;
    } else if (isDigit(c)) {
      let j = i;
      while (j < n && isDigit(src[j]!)) j++;
      if (src[j] === '.' && isDigit(src[j + 1] ?? '')) { j++; while (j < n && isDigit(src[j]!)) j++; }
      if (src[j] === 'e' || src[j] === 'E') {
        let k = j + 1;
        if (src[k] === '+' || src[k] === '-') k++;
        if (isDigit(src[k] ?? '')) { j = k; while (j < n && isDigit(src[j]!)) j++; }
      }
      if (j < n && (isIdStart(src[j]!))) fail(`illegal number format`, j);
      const raw = src.slice(i, j);
      tok('number', raw, { num: Number(raw), raw });
      i = j;
    } else if (c === '"') {
      const startLine = line, startCol = col;
      let j = i + 1, s = '';
      while (true) {
        if (j >= n || src[j] === '\n') throw new RegoParseError('non-terminated string', startLine, startCol);
        const d = src[j]!;
        if (d === '"') { j++; break; }
        if (d === '\\') {
          const e = src[j + 1];
          const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          if (e !== undefined && e in simple) { s += simple[e]; j += 2; continue; }
          if (e === 'u') {
            const hex = src.slice(j + 2, j + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('illegal unicode escape in string', j);
            s += String.fromCharCode(parseInt(hex, 16));
            j += 6;
            continue;
          }
          fail('illegal escape sequence in string', j);
        }
        s += d;
        j++;
      }
      out.push({ kind: 'string', text: s, line: startLine, col: startCol, nlBefore: nl, wsBefore: ws });
      i = j;
    } else if (c === '`') {
      const startLine = line, startCol = col;
      let j = i + 1;
      while (j < n && src[j] !== '`') {
        if (src[j] === '\n') { line++; lineStart = j + 1; }
        j++;
      }
      if (j >= n) throw new RegoParseError('non-terminated raw string', startLine, startCol);
      out.push({ kind: 'string', text: src.slice(i + 1, j), raw: src.slice(i, j + 1), line: startLine, col: startCol, nlBefore: nl, wsBefore: ws });
      i = j + 1;
    } else {
      const three = src.slice(i, i + 3), two = src.slice(i, i + 2);
      if (PUNCT3.has(three)) { tok('punct', three); i += 3; }
      else if (PUNCT2.has(two)) { tok('punct', two); i += 2; }
      else if (PUNCT1.has(c)) { tok('punct', c); i += 1; }
      else fail(`illegal token '${c}'`);
    }
  }
}
