// API keys: service keys (their own role and teams) and personal keys (act as their person). The
// secret is shown once, with a copy button; revoking stops a key at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, failure } from '../../api/client.ts';
import type { ApiKey, NewApiKey, OrgRole } from '../../api/types.ts';
import { Banner, ErrorBanner } from '../../design/Banner.tsx';
import { CopyField } from '../../design/CopyField.tsx';
import { Dialog } from '../../design/Dialog.tsx';
import { Field } from '../../design/Field.tsx';
import { Empty, formatDate, Loading } from '../../design/Loading.tsx';
import { useViewer } from '../../shell/session.tsx';
import { ROLE_LABELS, ROLES } from '../people/labels.ts';

/** `mine`: only the caller's own personal keys (My account); otherwise every key of that kind. */
export function ApiKeysTable({ kind, mine = false }: { kind: 'service' | 'personal'; mine?: boolean }) {
  const viewer = useViewer();
  const { org } = viewer;
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const list = useQuery({ queryKey: ['api-keys', org], queryFn: () => call(api.GET('/v1/orgs/{org}/api-keys', { params: { path: { org } } })) });
  const revoke = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/v1/orgs/{org}/api-keys/{id}', { params: { path: { org, id } } })),
    onSuccess: () => { setRevoking(null); queryClient.invalidateQueries({ queryKey: ['api-keys'] }); },
  });
  const mayCreate = kind === 'service' ? viewer.admin : mine && ['owner', 'admin', 'contributor'].includes(viewer.me.role) && viewer.me.type === 'user';
  const items = (list.data?.items ?? []).filter((k) => k.kind === kind && (!mine || k.userId === viewer.me.user?.id));

  return (
    <>
      <div className="row end" style={{ marginBottom: 12 }}>
        {mayCreate ? <button type="button" className="btn primary" onClick={() => setCreating(true)}>+ New {kind} key</button>
            : mine && <span className="muted">{viewer.me.type === 'user' ? 'Your role may not create personal keys (contributors and up may).' : 'Personal keys belong to people: sign in with SSO to create one.'}</span>}
      </div>
      <ErrorBanner error={list.error} />
      {list.isPending ? <Loading what="Loading keys" /> : (
        <div className="table-wrap">
          {!items.length ? <Empty title={`No ${kind} keys`} /> : (
            <table className="table">
              <thead><tr><th scope="col">Name</th>{kind === 'service' ? <th scope="col">Role</th> : !mine && <th scope="col">Person</th>}<th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {items.map((k) => (
                  <tr key={k.id}>
                    <td data-label="Name">{k.name}<span className="sub mono">{k.secretHint}{k.teams.length ? ` · teams: ${k.teams.join(', ')}` : ''}</span></td>
                    {kind === 'service' ? <td data-label="Role">{k.role ? ROLE_LABELS[k.role] : '—'}</td> : !mine && <td data-label="Person">{k.createdBy ?? k.userId}</td>}
                    <td data-label="Created">{formatDate(k.createdAt)}<span className="sub">{k.createdBy}</span></td>
                    <td data-label="Last used">{k.lastUsedAt ? formatDate(k.lastUsedAt) : 'never'}</td>
                    <td data-label="Expires">{k.expiresAt ? formatDate(k.expiresAt) : 'never'}</td>
                    <td className="actions"><button type="button" className="btn small" onClick={() => setRevoking(k)}>Revoke</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {creating && <CreateKeyDialog kind={kind} onClose={() => setCreating(false)} />}
      {revoking && (
        <Dialog title={`Revoke ${revoking.name}?`} onClose={() => setRevoking(null)} actions={<>
          <button type="button" className="btn" onClick={() => setRevoking(null)}>Cancel</button>
          <button type="button" className="btn danger" disabled={revoke.isPending} onClick={() => revoke.mutate(revoking.id)}>Yes, revoke</button>
        </>}>
          <p>Everything using this key stops working at once{viewer.me.apiKeyId === revoking.id ? ', including this console session' : ''}.</p>
          <ErrorBanner error={revoke.error} />
        </Dialog>
      )}
    </>
  );
}

function CreateKeyDialog({ kind, onClose }: { kind: 'service' | 'personal'; onClose: () => void }) {
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<OrgRole>('viewer');
  const [teams, setTeams] = useState('');
  const [expires, setExpires] = useState('');
  const create = useMutation({
    mutationFn: () => call(api.POST('/v1/orgs/{org}/api-keys', {
      params: { path: { org: viewer.org } },
      body: { name, kind, ...(kind === 'service' ? { role, teams: teams.split(',').map((t) => t.trim()).filter(Boolean) } : {}), ...(expires ? { expiresAt: new Date(expires).toISOString() } : {}) },
    })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const f = failure(create.error);
  const made: NewApiKey | undefined = create.data;
  return (
    <Dialog title={made ? 'Copy the key now' : `New ${kind} API key`} onClose={onClose} actions={made
      ? <button type="button" className="btn primary" onClick={onClose}>Done</button>
      : <><button type="button" className="btn" onClick={onClose}>Cancel</button>
        <button type="button" className="btn primary" disabled={create.isPending} onClick={() => create.mutate()}>Create key</button></>}>
      {made ? (
        <>
          <Banner tone="warning">This is the only time the key is shown. Store it in your secret manager.</Banner>
          <CopyField label={`Secret of ${made.name}`} value={made.secret} secret />
          <p className="muted">Use it as <code>Authorization: Bearer &lt;key&gt;</code>.</p>
        </>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <Field label="Name" error={f?.fieldError('name')} hint="What uses it, e.g. “Terraform” or “CI deploys”.">
            <input className="input" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
          </Field>
          {kind === 'service' && (
            <>
              <Field label="Organization role" error={f?.fieldError('role')}>
                <select className="input" value={role} onChange={(e) => setRole(e.target.value as OrgRole)}>
                  {ROLES.filter((r) => r !== 'owner' || viewer.owner).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
                </select>
              </Field>
              <Field label="Teams (optional)" hint="Comma-separated team names the key counts as a member of." error={f?.fieldError('teams')}>
                <input className="input" value={teams} onChange={(e) => setTeams(e.target.value)} />
              </Field>
            </>
          )}
          <Field label="Expires (optional)" error={f?.fieldError('expiresAt')}>
            <input className="input" type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </Field>
          <ErrorBanner error={create.error} shownFields={['name', 'role', 'teams', 'expiresAt']} />
        </form>
      )}
    </Dialog>
  );
}
