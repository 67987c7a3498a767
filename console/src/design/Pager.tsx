// Cursor paging: the API returns `next`; the pager keeps the cursors of the pages behind so
// "Previous" works too. Nothing is loaded but the page shown.
import { useState } from 'react';

export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | undefined)[] }>({ key: resetKey, stack: [undefined] });
  const stack = state.key === resetKey ? state.stack : [undefined];
  return {
    cursor: stack[stack.length - 1],
    page: stack.length,
    next: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    previous: () => setState({ key: resetKey, stack: stack.slice(0, -1) }),
  };
}

export function Pager({ page, next, onNext, onPrevious, label }: { page: number; next: string | null | undefined; onNext: (c: string) => void; onPrevious: () => void; label: string }) {
  if (page === 1 && !next) return null;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" className="btn small" disabled={page === 1} onClick={onPrevious}>← Previous</button>
      <span className="muted">Page {page}</span>
      <button type="button" className="btn small" disabled={!next} onClick={() => next && onNext(next)}>Next →</button>
    </nav>
  );
}
