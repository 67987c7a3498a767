import type { ReactNode } from 'react';
import { failure } from '../api/client.ts';

/** API messages are lower-case clauses ("the last owner cannot…"); shown alone they start a sentence. */
export const sentence = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export function Banner({ tone, children, title }: { tone: 'info' | 'warning' | 'error' | 'success'; title?: string; children: ReactNode }) {
  return (
    <div className={`banner ${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <strong>{title} </strong>}
      {children}
    </div>
  );
}

/** What went wrong with a call, in words: the API's detail, or the field errors the form does not show. */
export function ErrorBanner({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  if (!error) return null;
  const f = failure(error);
  if (!f) return <Banner tone="error">Something went wrong: {String((error as Error).message ?? error)}</Banner>;
  const rest = f.otherErrors(shownFields);
  if (!rest.length) return null;
  return (
    <Banner tone="error">
      {rest.length === 1 ? sentence(rest[0]!) : <ul>{rest.map((r) => <li key={r}>{sentence(r)}</li>)}</ul>}
      {f.problem.requestId && <span className="muted"> (request {f.problem.requestId})</span>}
    </Banner>
  );
}
