// One SSO connection: the values to give the identity provider, its certificates and their expiry,
// enable or disable, email domains and attribute mapping, and owner approval (owners sign in only
// through connections an owner approved).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call, failure } from '../../api/client.ts';
import type { SsoConnection } from '../../api/types.ts';
import { Banner, ErrorBanner } from '../../design/Banner.tsx';
import { CopyField } from '../../design/CopyField.tsx';
import { Dialog } from '../../design/Dialog.tsx';
import { Field } from '../../design/Field.tsx';
import { formatDay, Loading } from '../../design/Loading.tsx';
import { Link, navigate } from '../../router.tsx';
import { useViewer } from '../../shell/session.tsx';

const DAY = 86_400_000;

export function SsoDetailPage({ id }: { id: string }) {
  const { org } = useViewer();
  const conn = useQuery({ queryKey: ['sso', org, id], queryFn: () => call(api.GET('/v1/orgs/{org}/sso-connections/{id}', { params: { path: { org, id } } })) });
  if (conn.isPending) return <Loading what="Loading the connection" />;
  if (conn.isError) return <><p><Link to="/settings/sso">← SSO connections</Link></p><ErrorBanner error={conn.error} /></>;
  return <Connection c={conn.data} />;
}

function Connection({ c }: { c: SsoConnection }) {
  const viewer = useViewer();
  const { org } = viewer;
  const queryClient = useQueryClient();
  const [domains, setDomains] = useState(c.emailDomains.join(', '));
  const mapping = c.saml?.attributes ?? c.oidc!.claims;
  const [attrs, setAttrs] = useState(mapping);
  const [deleting, setDeleting] = useState(false);
  useEffect(() => { setDomains(c.emailDomains.join(', ')); setAttrs(c.saml?.attributes ?? c.oidc!.claims); }, [c]);

  const patch = useMutation({
    mutationFn: (body: Record<string, unknown>) => call(api.PATCH('/v1/orgs/{org}/sso-connections/{id}', { params: { path: { org, id: c.id } }, body: body as never })),
    onSuccess: (data) => { queryClient.setQueryData(['sso', org, c.id], data); queryClient.invalidateQueries({ queryKey: ['sso', org], exact: true }); },
  });
  const remove = useMutation({
    mutationFn: () => call(api.DELETE('/v1/orgs/{org}/sso-connections/{id}', { params: { path: { org, id: c.id } } })),
    onSuccess: () => { queryClient.invalidateQueries({ queryKey: ['sso'] }); navigate('/settings/sso'); },
  });
  const f = failure(patch.error);
  const save = () => patch.mutate({
    emailDomains: domains.split(/[\s,]+/).filter(Boolean),
    ...(c.protocol === 'saml' ? { saml: { attributes: attrs } } : { oidc: { claims: attrs } }),
  });

  return (
    <>
      <p><Link to="/settings/sso">← SSO connections</Link></p>
      <header className="page-header">
        <div>
          <h1>{c.name}</h1>
          <p className="muted">{c.protocol === 'saml' ? 'SAML 2.0' : 'OpenID Connect'} · {c.enabled ? 'enabled' : 'disabled'}</p>
        </div>
        <div className="row">
          <a className="btn" href={c.loginUrl} target="_blank" rel="noopener">Try sign-in ↗</a>
          <button type="button" className="btn" disabled={patch.isPending} onClick={() => patch.mutate({ enabled: !c.enabled })}>{c.enabled ? 'Disable' : 'Enable'}</button>
          <button type="button" className="btn danger" onClick={() => setDeleting(true)}>Delete</button>
        </div>
      </header>
      {!c.ownerApproved && (
        <Banner tone="warning" title="Not approved by an owner.">
          People sign in through it, but owners cannot until an owner approves it (a connection decides who a person is).
          {viewer.owner && <> <button type="button" className="btn small" disabled={patch.isPending} onClick={() => patch.mutate({})}>Approve</button></>}
        </Banner>
      )}
      <section className="card" aria-labelledby="idp-values-h">
        <h2 id="idp-values-h">For your identity provider</h2>
        {c.saml ? <>
          <CopyField label="Entity ID (Audience URI, SP entity id)" value={c.saml.spEntityId} />
          <CopyField label="ACS URL (Single sign-on URL, Reply URL)" value={c.saml.acsUrl} />
          <CopyField label="SP metadata URL" value={c.saml.metadataUrl} />
        </> : <CopyField label="Redirect URI (callback)" value={c.oidc!.redirectUri} />}
        <CopyField label="Sign-in link for people" value={c.loginUrl} />
      </section>
      <section className="card" aria-labelledby="idp-h">
        <h2 id="idp-h">Identity provider</h2>
        {c.saml ? (
          <dl className="kv">
            <dt>Entity id</dt><dd className="mono">{c.saml.idpEntityId}</dd>
            <dt>Sign-in URL</dt><dd className="mono">{c.saml.ssoUrl}</dd>
            <dt>Signed responses</dt><dd>{c.saml.wantResponseSigned ? 'Response and assertion' : 'Assertion (always required)'}</dd>
            {c.saml.certificates.map((cert, i) => {
              const days = Math.floor((Date.parse(cert.notAfter) - Date.now()) / DAY);
              return (
                <div key={cert.sha256} style={{ display: 'contents' }}>
                  <dt>Certificate {i + 1}</dt>
                  <dd><span className="mono">{cert.sha256.slice(0, 47)}…</span><br />
                    expires {formatDay(cert.notAfter)} {days < 0 ? <span className="badge red">expired</span> : days < 30 ? <span className="badge amber">in {days} day{days === 1 ? '' : 's'}</span> : <span className="badge green">valid</span>}</dd>
                </div>
              );
            })}
          </dl>
        ) : (
          <dl className="kv">
            <dt>Issuer</dt><dd className="mono">{c.oidc!.issuer}</dd>
            <dt>Client id</dt><dd className="mono">{c.oidc!.clientId}</dd>
            <dt>Client authentication</dt><dd>{c.oidc!.clientAuth}{c.oidc!.hasClientSecret ? ' (secret stored)' : ''}</dd>
            <dt>Scopes</dt><dd>{c.oidc!.scopes.join(' ')}</dd>
          </dl>
        )}
      </section>
      <section className="card" aria-labelledby="map-h">
        <h2 id="map-h">Email domains and {c.saml ? 'attributes' : 'claims'}</h2>
        <form onSubmit={(e) => { e.preventDefault(); save(); }}>
          <Field label="Email domains" hint="Comma-separated. Home-realm discovery and linking of existing people by address." error={f?.fieldError('emailDomains')}>
            <input className="input" value={domains} onChange={(e) => setDomains(e.target.value)} />
          </Field>
          {(['email', 'name', 'groups'] as const).map((k) => (
            <Field key={k} label={`${k[0]!.toUpperCase()}${k.slice(1)} ${c.saml ? 'attribute' : 'claim'}`} error={f?.fieldError(`${c.protocol}.${c.saml ? 'attributes' : 'claims'}.${k}`)}>
              <input className="input" value={attrs[k]} onChange={(e) => setAttrs({ ...attrs, [k]: e.target.value })} />
            </Field>
          ))}
          <ErrorBanner error={patch.error} shownFields={['emailDomains', `${c.protocol}.attributes`, `${c.protocol}.claims`]} />
          {patch.isSuccess && <Banner tone="success">Saved.{!patch.data.ownerApproved && ' Owners cannot sign in through it until an owner approves the change.'}</Banner>}
          <div className="row end"><button type="submit" className="btn primary" disabled={patch.isPending}>Save</button></div>
        </form>
      </section>
      {deleting && (
        <Dialog title={`Delete ${c.name}?`} onClose={() => setDeleting(false)} actions={<>
          <button type="button" className="btn" onClick={() => setDeleting(false)}>Cancel</button>
          <button type="button" className="btn danger" disabled={remove.isPending} onClick={() => remove.mutate()}>Yes, delete</button>
        </>}>
          <p>Nobody can sign in through it any more; people keep their accounts and API keys.</p>
          <ErrorBanner error={remove.error} />
        </Dialog>
      )}
    </>
  );
}
