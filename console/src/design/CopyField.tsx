// A value to copy (a secret shown once, a URL to paste into an IdP): read-only, selectable, and a
// Copy button that says when it worked.
import { useId, useRef, useState } from 'react';

export function CopyField({ label, value, secret = false }: { label: string; value: string; secret?: boolean }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      document.execCommand('copy'); // plain-http origins other than localhost have no clipboard API
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy">
        <input ref={input} id={id} className="input" readOnly value={value} spellCheck={false} data-secret={secret || undefined} onFocus={(e) => e.target.select()} />
        <button type="button" className="btn" onClick={copy} aria-label={`Copy ${label}`}>{copied ? 'Copied' : 'Copy'}</button>
      </div>
      <span className="visually-hidden" aria-live="polite">{copied ? `${label} copied` : ''}</span>
    </div>
  );
}
