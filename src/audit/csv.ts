// Audit events as CSV rows (RFC 4180: quoted where needed, CRLF line ends). A cell that a spreadsheet
// would run as a formula (=, +, -, @, tab, CR) is prefixed with ' (OWASP "CSV injection"), since
// labels and details come from identity providers and people.
import type { presentEvent } from './service.ts';

type Event = ReturnType<typeof presentEvent>;

export const CSV_HEADER = ['id', 'at', 'action', 'actor_type', 'actor_id', 'actor_label', 'target_type', 'target_id', 'ip', 'request_id', 'before', 'after', 'details'];

function cell(value: unknown): string {
  let s = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: unknown[]) => `${cells.map(cell).join(',')}\r\n`;

export function csvRow(e: Event): string {
  return csvLine([e.id, e.at, e.action, e.actor.type, e.actor.id, e.actor.label, e.target?.type, e.target?.id, e.ip, e.requestId, e.before, e.after, e.details]);
}
