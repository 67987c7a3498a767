// "Invite team members" (seed 003): addresses typed or pasted become removable chips, then the
// organization role (owner only for owners) and optional space role bindings, then one result per
// address: invited, already a member, already invited, or invalid.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, call, failure } from '../../api/client.ts';
import type { InviteResponse, OrgRole } from '../../api/types.ts';
import { Banner, ErrorBanner } from '../../design/Banner.tsx';
import { Field } from '../../design/Field.tsx';
import { PageHeader } from '../../design/Loading.tsx';
import { Link } from '../../router.tsx';
import { useViewer } from '../../shell/session.tsx';
import { ROLE_HINTS, ROLE_LABELS, ROLES } from '../people/labels.ts';
import { addChips, type Chip } from './chips.ts';
import { StrategyBanner } from './StrategyBanner.tsx';

interface Binding { roleId: string; spaceId: string }

const RESULT_TEXT = { invited: 'Invited', already_member: 'Already a member', already_invited: 'Already invited', invalid: 'Invalid address' } as const;
const RESULT_TONE = { invited: 'green', already_member: '', already_invited: 'amber', invalid: 'red' } as const;

export function InvitePage() {
  const viewer = useViewer();
  const { org } = viewer;
  const queryClient = useQueryClient();
  const [chips, setChips] = useState<Chip[]>([]);
  const [text, setText] = useState('');
  const [role, setRole] = useState<OrgRole>('member');
  const [bindings, setBindings] = useState<Binding[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const roles = useQuery({ queryKey: ['roles', org], queryFn: () => call(api.GET('/v1/orgs/{org}/roles', { params: { path: { org } } })) });
  const spaces = useQuery({ queryKey: ['spaces', org], queryFn: () => call(api.GET('/v1/orgs/{org}/spaces', { params: { path: { org }, query: { limit: 1000 } } })) });

  const invite = useMutation({
    mutationFn: (emails: string) => call(api.POST('/v1/orgs/{org}/invitations', { params: { path: { org } }, body: { emails, role, bindings } })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['invitations'] });
      setChips([]);
    },
  });

  const commit = () => {
    if (text.trim()) setChips(addChips(chips, text));
    setText('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',' || e.key === ';' || e.key === ' ') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Backspace' && !text && chips.length) {
      setChips(chips.slice(0, -1));
    }
  };
  const remove = (email: string) => {
    setChips(chips.filter((c) => c.email !== email));
    input.current?.focus();
  };
  const send = () => {
    const all = addChips(chips, text);
    setChips(all);
    setText('');
    if (all.length) invite.mutate(all.map((c) => c.email).join(', '));
  };
  const f = failure(invite.error);

  return (
    <>
      <p><Link to="/people">← People</Link></p>
      <PageHeader title="Invite team members" description="Each person gets a mail with a link to your identity provider; signing in with the invited address makes them a member." />
      <StrategyBanner />
      {invite.data && <Results results={invite.data} />}
      <section className="card" aria-labelledby="who-h">
        <h2 id="who-h">Who</h2>
        <div className="field">
          <label htmlFor="invite-input">Email addresses</label>
          <div className="chips" onClick={() => input.current?.focus()}>
            {chips.map((c) => (
              <span key={c.email} className={`chip${c.looksValid ? '' : ' invalid'}`} data-testid="chip">
                {c.email}
                <button type="button" aria-label={`Remove ${c.email}`} onClick={(e) => { e.stopPropagation(); remove(c.email); }}>×</button>
              </span>
            ))}
            <input id="invite-input" ref={input} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} onBlur={commit}
              onPaste={(e) => { e.preventDefault(); setChips(addChips(chips, text + e.clipboardData.getData('text'))); setText(''); }}
              placeholder={chips.length ? 'Add more…' : 'alice@company.com, bob@company.com'} aria-describedby="invite-hint invite-error" aria-invalid={f?.fieldError('emails') ? true : undefined} />
          </div>
          <span className="hint" id="invite-hint">Separate addresses with commas, spaces or new lines; paste a whole list. Remove one with its ×.</span>
          {f?.fieldError('emails') && <span className="error" id="invite-error" role="alert">{f.fieldError('emails')}</span>}
        </div>
      </section>
      <section className="card" aria-labelledby="roles-h">
        <h2 id="roles-h">Roles</h2>
        <Field label="Organization role" hint={ROLE_HINTS[role]} error={f?.fieldError('role')}>
          <select className="input" value={role} onChange={(e) => setRole(e.target.value as OrgRole)}>
            {ROLES.filter((r) => r !== 'owner' || viewer.owner).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
        </Field>
        {!viewer.owner && <p className="muted">Only an owner may invite owners.</p>}
        <fieldset>
          <legend>Space roles (optional)</legend>
          {bindings.map((b, i) => (
            <div className="row" key={i} style={{ marginBottom: 8 }}>
              <select className="input" style={{ maxWidth: 220 }} aria-label={`Role ${i + 1}`} value={b.roleId} onChange={(e) => setBindings(bindings.map((x, j) => (j === i ? { ...x, roleId: e.target.value } : x)))}>
                {roles.data?.items.map((r) => <option key={r.id} value={r.slug}>{r.name}</option>)}
              </select>
              <span>in</span>
              <select className="input" style={{ maxWidth: 220 }} aria-label={`Space ${i + 1}`} value={b.spaceId} onChange={(e) => setBindings(bindings.map((x, j) => (j === i ? { ...x, spaceId: e.target.value } : x)))}>
                {spaces.data?.items.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
              <button type="button" className="btn small" onClick={() => setBindings(bindings.filter((_, j) => j !== i))} aria-label={`Remove space role ${i + 1}`}>Remove</button>
              {f?.fieldError(`bindings.${i}`) && <span className="error">{f.fieldError(`bindings.${i}`)}</span>}
            </div>
          ))}
          <button type="button" className="btn small" disabled={!roles.data?.items.length || !spaces.data?.items.length}
            onClick={() => setBindings([...bindings, { roleId: roles.data!.items[0]!.slug, spaceId: spaces.data!.items[0]!.id }])}>+ Add a space role</button>
        </fieldset>
        <ErrorBanner error={invite.error} shownFields={['emails', 'role', 'bindings']} />
        <div className="row end">
          <button type="button" className="btn primary" onClick={send} disabled={invite.isPending || (!chips.length && !text.trim())}>
            {invite.isPending ? 'Sending…' : `Send ${chips.length + (text.trim() ? 1 : 0) || ''} invitation${chips.length === 1 ? '' : 's'}`}
          </button>
        </div>
      </section>
    </>
  );
}

function Results({ results }: { results: InviteResponse }) {
  const s = results.summary;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, [results]);
  return (
    <section className="card" aria-labelledby="results-h">
      <h2 id="results-h" ref={heading} tabIndex={-1}>Results</h2>
      <p>{s.invited} invited · {s.already_member} already members · {s.already_invited} already invited · {s.invalid} invalid</p>
      <ul className="results" data-testid="invite-results">
        {results.results.map((r) => (
          <li key={r.email}>
            <span className={`badge ${RESULT_TONE[r.result]}`}>{RESULT_TEXT[r.result]}</span> <strong>{r.email}</strong>
            {r.reason && <span className="muted"> — {r.reason}</span>}
            {r.invitation?.state === 'queued' && <span className="muted"> — queued until the switch to user management</span>}
          </li>
        ))}
      </ul>
      <p>Invite more below, or <Link to="/invitations">see all invitations →</Link></p>
    </section>
  );
}
