// Organization settings: its name, and the management-strategy switch with what it will do
// (queued invitations sent, sessions ended) counted before the owner confirms.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call, failure } from '../../api/client.ts';
import { Banner, ErrorBanner, sentence } from '../../design/Banner.tsx';
import { Dialog } from '../../design/Dialog.tsx';
import { Field } from '../../design/Field.tsx';
import { Loading, PageHeader } from '../../design/Loading.tsx';
import { useViewer } from '../../shell/session.tsx';
import { BrandingCard } from './BrandingCard.tsx';

type Strategy = 'user_management' | 'login_policy';
const STRATEGY: Record<Strategy, { name: string; text: string }> = {
  user_management: { name: 'User management', text: 'Access comes from organization roles, role bindings and IdP group mappings set here; changes apply at once.' },
  login_policy: { name: 'Login policies', text: 'A Rego login policy decides at each sign-in who gets in and with which roles; roles are frozen until the next sign-in.' },
};

export function OrganizationPage() {
  const viewer = useViewer();
  const { org } = viewer;
  const queryClient = useQueryClient();
  const orgQuery = useQuery({ queryKey: ['org', org], queryFn: () => call(api.GET('/v1/orgs/{org}', { params: { path: { org } } })) });
  const [name, setName] = useState('');
  const [switching, setSwitching] = useState<Strategy | null>(null);
  useEffect(() => { if (orgQuery.data) setName(orgQuery.data.name); }, [orgQuery.data]);
  const rename = useMutation({
    mutationFn: () => call(api.PATCH('/v1/orgs/{org}', { params: { path: { org } }, body: { name } })),
    onSuccess: (data) => { queryClient.setQueryData(['org', org], data); queryClient.invalidateQueries({ queryKey: ['me'] }); },
  });
  if (orgQuery.isPending) return <Loading what="Loading the organization" />;
  if (orgQuery.isError) return <ErrorBanner error={orgQuery.error} />;
  const o = orgQuery.data;
  const current = o.managementStrategy;
  const other: Strategy = current === 'user_management' ? 'login_policy' : 'user_management';
  return (
    <>
      <PageHeader title="Organization settings" description={<>Slug <code>{o.slug}</code> · id <code>{o.id}</code></>} />
      {o.warnings.map((w) => <Banner key={w} tone="warning">{sentence(w)}</Banner>)}
      <section className="card" aria-labelledby="name-h">
        <h2 id="name-h">Name</h2>
        <form onSubmit={(e) => { e.preventDefault(); rename.mutate(); }}>
          <Field label="Organization name" hint="Shown to people on the sign-in pages and in invitation mails." error={failure(rename.error)?.fieldError('name')}>
            <input className="input" value={name} onChange={(e) => setName(e.target.value)} disabled={!viewer.owner} required />
          </Field>
          <ErrorBanner error={rename.error} shownFields={['name']} />
          {rename.isSuccess && <Banner tone="success">Saved.</Banner>}
          {viewer.owner ? <button type="submit" className="btn primary" disabled={rename.isPending || name === o.name}>Save name</button> : <p className="muted">Only owners change the account.</p>}
        </form>
      </section>
      <section className="card" aria-labelledby="strategy-h">
        <h2 id="strategy-h">Management strategy</h2>
        <p>Now: <strong>{STRATEGY[current].name}</strong>. {STRATEGY[current].text}</p>
        <p className="muted">{STRATEGY[other].name}: {STRATEGY[other].text}</p>
        {viewer.owner ? <button type="button" className="btn" onClick={() => setSwitching(other)}>Switch to {STRATEGY[other].name.toLowerCase()}…</button>
          : <p className="muted">Only owners switch the strategy.</p>}
      </section>
      {viewer.admin && <BrandingCard />}
      {switching && <SwitchDialog to={switching} onClose={() => setSwitching(null)} />}
    </>
  );
}

function SwitchDialog({ to, onClose }: { to: Strategy; onClose: () => void }) {
  const { org } = useViewer();
  const queryClient = useQueryClient();
  const preview = useQuery({ queryKey: ['strategy-preview', org, to], queryFn: () => call(api.GET('/v1/orgs/{org}/strategy-switch', { params: { path: { org }, query: { to } } })) });
  const change = useMutation({
    mutationFn: () => call(api.PATCH('/v1/orgs/{org}', { params: { path: { org } }, body: { managementStrategy: to } })),
    onSuccess: () => { queryClient.invalidateQueries(); onClose(); },
  });
  const p = preview.data;
  return (
    <Dialog title={`Switch to ${STRATEGY[to].name.toLowerCase()}?`} onClose={onClose} actions={<>
      <button type="button" className="btn" onClick={onClose}>Cancel</button>
      <button type="button" className="btn danger" disabled={!p || change.isPending} onClick={() => change.mutate()}>Yes, switch</button>
    </>}>
      {preview.isPending ? <Loading what="Counting what the switch changes" /> : preview.isError ? <ErrorBanner error={preview.error} /> : p && (
        <ul>
          <li><strong>{p.sessionsToEnd}</strong> sign-in session{p.sessionsToEnd === 1 ? '' : 's'} will end (everyone's but yours), so nobody keeps access the new rules would refuse.</li>
          {to === 'user_management'
            ? <li><strong>{p.queuedInvitations}</strong> queued invitation{p.queuedInvitations === 1 ? '' : 's'} will be sent now.</li>
            : <li>New invitations will be queued, not sent, until you switch back.</li>}
          <li>You can switch back at any time.</li>
        </ul>
      )}
      <ErrorBanner error={change.error} />
    </Dialog>
  );
}
