// HTML for the few pages the service serves itself (src/web): a tagged template that escapes
// every interpolated value unless it is already markup, and the page shell they share.
import { escapeHtml } from '../lib/escape-html.ts';

export class Markup {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

function render(value: unknown): string {
  if (value instanceof Markup) return value.html;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** html`<p>${text}</p>`: text is escaped; Markup and arrays of it are inserted as they are. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  return new Markup(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));
}

export const STYLESHEET_PATH = '/assets/gatehouse.css';

export function page({ title, body }: { title: string; body: Markup }): string {
  return `<!DOCTYPE html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${body}
</body>
</html>`}\n`;
}
