// SCIM provisioning: exactly what an Okta or Entra admin pastes (the base URL and a token), tokens
// with their last use, rotation without downtime (a second token, then revoke the first).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, failure } from '../../api/client.ts';
import type { NewScimToken, ScimToken } from '../../api/types.ts';
import { Banner, ErrorBanner } from '../../design/Banner.tsx';
import { CopyField } from '../../design/CopyField.tsx';
import { Dialog } from '../../design/Dialog.tsx';
import { Field } from '../../design/Field.tsx';
import { Empty, formatDate, Loading, PageHeader } from '../../design/Loading.tsx';
import { useViewer } from '../../shell/session.tsx';

export const scimBaseUrl = () => `${window.location.origin}/scim/v2`;

export function ScimPage() {
  const { org } = useViewer();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState<{ replacing: ScimToken | null } | null>(null);
  const [revoking, setRevoking] = useState<ScimToken | null>(null);
  const list = useQuery({ queryKey: ['scim-tokens', org], queryFn: () => call(api.GET('/v1/orgs/{org}/scim-tokens', { params: { path: { org } } })) });
  const revoke = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/v1/orgs/{org}/scim-tokens/{id}', { params: { path: { org, id } } })),
    onSuccess: () => { setRevoking(null); queryClient.invalidateQueries({ queryKey: ['scim-tokens'] }); },
  });
  return (
    <>
      <PageHeader title="SCIM provisioning" description="Your identity provider creates, updates and deactivates people and groups here. Give it the base URL and a token."
        actions={<button type="button" className="btn primary" onClick={() => setCreating({ replacing: null })}>+ New token</button>} />
      <section className="card" aria-labelledby="scim-connect-h">
        <h2 id="scim-connect-h">Connect your identity provider</h2>
        <CopyField label="SCIM base URL (Okta: “SCIM connector base URL”; Entra: “Tenant URL”)" value={scimBaseUrl()} />
        <p className="muted">Authentication: HTTP header (bearer token). Okta: unique identifier field <code>userName</code>; push users, groups and deactivations. Entra: “Secret token” is the token below.</p>
      </section>
      <section className="card" aria-labelledby="scim-tokens-h">
        <h2 id="scim-tokens-h">Tokens</h2>
        <ErrorBanner error={list.error} />
        {list.isPending ? <Loading what="Loading tokens" /> : !list.data?.items.length ? <Empty title="No tokens yet">Create one, then paste it into your identity provider.</Empty> : (
          <div className="table-wrap">
            <table className="table">
              <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {list.data.items.map((t) => (
                  <tr key={t.id}>
                    <td data-label="Name">{t.name}<span className="sub mono">{t.secretHint}</span></td>
                    <td data-label="Created">{formatDate(t.createdAt)}<span className="sub">{t.createdBy}</span></td>
                    <td data-label="Last used">{t.lastUsedAt ? formatDate(t.lastUsedAt) : 'never'}</td>
                    <td className="actions row">
                      <button type="button" className="btn small" onClick={() => setCreating({ replacing: t })}>Rotate</button>
                      <button type="button" className="btn small" onClick={() => setRevoking(t)}>Revoke</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {creating && <CreateTokenDialog replacing={creating.replacing} onClose={() => setCreating(null)} onRevokeOld={(t) => { setCreating(null); setRevoking(t); }} />}
      {revoking && (
        <Dialog title={`Revoke ${revoking.name}?`} onClose={() => setRevoking(null)} actions={<>
          <button type="button" className="btn" onClick={() => setRevoking(null)}>Cancel</button>
          <button type="button" className="btn danger" disabled={revoke.isPending} onClick={() => revoke.mutate(revoking.id)}>Yes, revoke</button>
        </>}>
          <p>Provisioning with this token stops at once; other tokens keep working.</p>
          <ErrorBanner error={revoke.error} />
        </Dialog>
      )}
    </>
  );
}

function CreateTokenDialog({ replacing, onClose, onRevokeOld }: { replacing: ScimToken | null; onClose: () => void; onRevokeOld: (t: ScimToken) => void }) {
  const { org } = useViewer();
  const queryClient = useQueryClient();
  const [name, setName] = useState(replacing ? `${replacing.name} (rotated)` : 'Okta');
  const create = useMutation({
    mutationFn: () => call(api.POST('/v1/orgs/{org}/scim-tokens', { params: { path: { org } }, body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['scim-tokens'] }),
  });
  const made: NewScimToken | undefined = create.data;
  return (
    <Dialog title={made ? 'Paste these into your identity provider' : replacing ? `Rotate ${replacing.name}` : 'New SCIM token'} onClose={onClose} actions={made
      ? <>{replacing && <button type="button" className="btn" onClick={() => onRevokeOld(replacing)}>Revoke the old token…</button>}<button type="button" className="btn primary" onClick={onClose}>Done</button></>
      : <><button type="button" className="btn" onClick={onClose}>Cancel</button><button type="button" className="btn primary" disabled={create.isPending} onClick={() => create.mutate()}>Create token</button></>}>
      {made ? (
        <>
          <Banner tone="warning">The token is shown only now. Copy it before closing.</Banner>
          <CopyField label="SCIM base URL" value={scimBaseUrl()} />
          <CopyField label="Token" value={made.secret} secret />
          {replacing && <p className="muted">Both tokens work now. Once your identity provider uses the new one, revoke “{replacing.name}”.</p>}
        </>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          {replacing && <p>A new token is created beside the old one, so provisioning never stops.</p>}
          <Field label="Name" hint="Which identity provider uses it." error={failure(create.error)?.fieldError('name')}>
            <input className="input" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
          </Field>
          <ErrorBanner error={create.error} shownFields={['name']} />
        </form>
      )}
    </Dialog>
  );
}
