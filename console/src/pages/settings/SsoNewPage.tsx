// A new SSO connection: SAML from the IdP's metadata (pasted XML or a URL) or from its fields, or
// OpenID Connect from its issuer (discovery is checked when saved). Errors show beside their field.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, failure } from '../../api/client.ts';
import { ErrorBanner } from '../../design/Banner.tsx';
import { Field } from '../../design/Field.tsx';
import { PageHeader } from '../../design/Loading.tsx';
import { Link, navigate } from '../../router.tsx';
import { useViewer } from '../../shell/session.tsx';

type SamlSource = 'xml' | 'url' | 'fields';
const list = (s: string) => s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);

export function SsoNewPage() {
  const { org } = useViewer();
  const queryClient = useQueryClient();
  const [protocol, setProtocol] = useState<'saml' | 'oidc'>('saml');
  const [source, setSource] = useState<SamlSource>('xml');
  const [v, setV] = useState({ name: '', domains: '', metadataXml: '', metadataUrl: '', idpEntityId: '', ssoUrl: '', certificate: '', issuer: '', clientId: '', clientSecret: '', groups: 'groups' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  const create = useMutation({
    mutationFn: () => {
      const saml = source === 'xml' ? { metadataXml: v.metadataXml } : source === 'url' ? { metadataUrl: v.metadataUrl } : { idpEntityId: v.idpEntityId, ssoUrl: v.ssoUrl, certificates: [v.certificate] };
      const mapping = v.groups && v.groups !== 'groups' ? { groups: v.groups } : undefined;
      return call(api.POST('/v1/orgs/{org}/sso-connections', {
        params: { path: { org } },
        body: protocol === 'saml'
          ? { name: v.name, protocol, emailDomains: list(v.domains), saml: { ...saml, ...(mapping ? { attributes: mapping } : {}) } }
          : { name: v.name, protocol, emailDomains: list(v.domains), oidc: { issuer: v.issuer, clientId: v.clientId, ...(v.clientSecret ? { clientSecret: v.clientSecret } : {}), ...(mapping ? { claims: mapping } : {}) } },
      }));
    },
    onSuccess: (c) => { queryClient.invalidateQueries({ queryKey: ['sso'] }); navigate(`/settings/sso/${c.id}`); },
  });
  const f = failure(create.error);
  const err = (field: string) => f?.fieldError(field);
  const submit = (e: FormEvent) => { e.preventDefault(); create.mutate(); };

  return (
    <>
      <p><Link to="/settings/sso">← SSO connections</Link></p>
      <PageHeader title="New SSO connection" description="After saving, the connection's page shows the values your identity provider asks for (entity id, ACS URL or redirect URI)." />
      <form className="card" onSubmit={submit}>
        <fieldset>
          <legend>Protocol</legend>
          <label className="check"><input type="radio" name="protocol" checked={protocol === 'saml'} onChange={() => setProtocol('saml')} /> SAML 2.0 (Okta, Entra ID, Google Workspace, ADFS…)</label>
          <label className="check"><input type="radio" name="protocol" checked={protocol === 'oidc'} onChange={() => setProtocol('oidc')} /> OpenID Connect (Keycloak, Okta, Entra ID, Auth0…)</label>
        </fieldset>
        <Field label="Name" error={err('name')} hint="What people see on the sign-in page, e.g. “Okta”.">
          <input className="input" value={v.name} onChange={set('name')} required />
        </Field>
        {protocol === 'saml' ? (
          <>
            <fieldset>
              <legend>Identity provider details</legend>
              <label className="check"><input type="radio" name="source" checked={source === 'xml'} onChange={() => setSource('xml')} /> Paste its metadata XML</label>
              <label className="check"><input type="radio" name="source" checked={source === 'url'} onChange={() => setSource('url')} /> Fetch its metadata from a URL</label>
              <label className="check"><input type="radio" name="source" checked={source === 'fields'} onChange={() => setSource('fields')} /> Enter the fields</label>
            </fieldset>
            {source === 'xml' && <Field label="Metadata XML" error={err('saml.metadataXml') ?? err('saml')}><textarea className="input mono" rows={8} value={v.metadataXml} onChange={set('metadataXml')} required /></Field>}
            {source === 'url' && <Field label="Metadata URL" hint="Fetched once, when you save (https)." error={err('saml.metadataUrl')}><input className="input" type="url" value={v.metadataUrl} onChange={set('metadataUrl')} required /></Field>}
            {source === 'fields' && <>
              <Field label="IdP entity id (issuer)" error={err('saml.idpEntityId')}><input className="input" value={v.idpEntityId} onChange={set('idpEntityId')} required /></Field>
              <Field label="IdP sign-in URL (HTTP-Redirect)" error={err('saml.ssoUrl')}><input className="input" type="url" value={v.ssoUrl} onChange={set('ssoUrl')} required /></Field>
              <Field label="Signing certificate (PEM)" error={err('saml.certificates')}><textarea className="input mono" rows={6} value={v.certificate} onChange={set('certificate')} required /></Field>
            </>}
            <Field label="Groups attribute" hint="The SAML attribute carrying the person's groups (Entra: http://schemas.microsoft.com/ws/2008/06/identity/claims/groups)." error={err('saml.attributes')}>
              <input className="input" value={v.groups} onChange={set('groups')} />
            </Field>
          </>
        ) : (
          <>
            <Field label="Issuer URL" hint="Discovery (/.well-known/openid-configuration) is checked when you save." error={err('oidc.issuer') ?? err('oidc')}><input className="input" type="url" value={v.issuer} onChange={set('issuer')} required /></Field>
            <Field label="Client id" error={err('oidc.clientId')}><input className="input" value={v.clientId} onChange={set('clientId')} required /></Field>
            <Field label="Client secret" hint="Stored sealed; never shown again." error={err('oidc.clientSecret')}><input className="input" type="password" autoComplete="off" value={v.clientSecret} onChange={set('clientSecret')} /></Field>
            <Field label="Groups claim" error={err('oidc.claims')}><input className="input" value={v.groups} onChange={set('groups')} /></Field>
          </>
        )}
        <Field label="Email domains" hint="Comma-separated. Home-realm discovery sends these addresses here; only these domains' addresses may link to existing people." error={err('emailDomains')}>
          <input className="input" value={v.domains} onChange={set('domains')} placeholder="example.com" />
        </Field>
        <ErrorBanner error={create.error} shownFields={['name', 'emailDomains', 'saml', 'oidc']} />
        <div className="row end"><button type="submit" className="btn primary" disabled={create.isPending}>{create.isPending ? 'Saving…' : 'Create connection'}</button></div>
      </form>
    </>
  );
}
