// Mail templates: files under templates/ with {{name}} placeholders. Every value is escaped for
// HTML in .html templates (organization names and inviters are user input); text stays text.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { escapeHtml } from '../lib/escape-html.ts';

export { escapeHtml };

const dir = fileURLToPath(new URL('./templates/', import.meta.url));
const cache = new Map<string, string>();

function load(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = readFileSync(dir + file, 'utf8');
    cache.set(file, text);
  }
  return text;
}

/** Renders templates/<file>; a placeholder with no value is a programming error, not an empty string. */
export function renderTemplate(file: string, values: Readonly<Record<string, string>>): string {
  const escape = file.endsWith('.html') ? escapeHtml : (v: string) => v;
  return load(file).replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template ${file}: no value for {{${name}}}`);
    return escape(value);
  });
}

/** For headers: one line, no control characters (a name with a newline must not add a header). */
export function oneLine(value: string, max = 200): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, max);
}
