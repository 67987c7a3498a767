// SSO connections: SAML and OpenID Connect identity providers people sign in through.
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { ErrorBanner } from '../../design/Banner.tsx';
import { Empty, Loading, PageHeader } from '../../design/Loading.tsx';
import { Link } from '../../router.tsx';
import { useViewer } from '../../shell/session.tsx';

export function SsoListPage() {
  const { org } = useViewer();
  const list = useQuery({ queryKey: ['sso', org], queryFn: () => call(api.GET('/v1/orgs/{org}/sso-connections', { params: { path: { org } } })) });
  return (
    <>
      <PageHeader title="SSO connections" description="People sign in through these identity providers. Their sign-in page is /sso/<organization>/login."
        actions={<Link className="btn primary" to="/settings/sso/new">+ New connection</Link>} />
      <ErrorBanner error={list.error} />
      {list.isPending ? <Loading what="Loading connections" /> : (
        <div className="table-wrap">
          {!list.data?.items.length ? <Empty title="No connections yet"><p>Add your SAML or OpenID Connect identity provider.</p></Empty> : (
            <table className="table">
              <thead><tr><th scope="col">Name</th><th scope="col">Protocol</th><th scope="col">Email domains</th><th scope="col">Status</th></tr></thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id}>
                    <td data-label="Name"><Link to={`/settings/sso/${c.id}`}>{c.name}</Link><span className="sub">{c.saml?.idpEntityId ?? c.oidc?.issuer}</span></td>
                    <td data-label="Protocol">{c.protocol === 'saml' ? 'SAML 2.0' : 'OpenID Connect'}</td>
                    <td data-label="Email domains">{c.emailDomains.join(', ') || '—'}</td>
                    <td data-label="Status" className="row">
                      {c.enabled ? <span className="badge green">Enabled</span> : <span className="badge">Disabled</span>}
                      {c.ownerApproved ? <span className="badge blue">Owner approved</span> : <span className="badge amber">Awaiting owner approval</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </>
  );
}
