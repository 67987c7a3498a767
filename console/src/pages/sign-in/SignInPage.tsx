// Signing in to the console: through the organization's SSO (the hosted sign-in, which comes back
// to /console/sso-complete), or, for first run and break-glass, with an owner or admin API key that
// is exchanged for a short cookie session and then forgotten.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, failure, setCsrfToken } from '../../api/client.ts';
import { Banner, ErrorBanner } from '../../design/Banner.tsx';
import { Field } from '../../design/Field.tsx';
import { useLocation } from '../../router.tsx';
import './sign-in.css';

const ERRORS: Record<string, string> = {
  sso_session_missing: 'The single sign-on did not finish (the sign-in session was missing or had ended). Try again.',
};

export function SignInPage() {
  const { query } = useLocation();
  const queryClient = useQueryClient();
  const [apiKey, setApiKey] = useState('');
  const [org, setOrg] = useState(query.get('org') ?? 'default');
  const [email, setEmail] = useState('');

  const exchange = useMutation({
    mutationFn: (key: string) => call(api.POST('/v1/console/session', { body: { apiKey: key } })),
    onSuccess: (session) => {
      setApiKey(''); // the key is not kept anywhere once exchanged
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(['console-session'], session);
    },
  });

  const sso = (e: FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams({ return_to: '/console/sso-complete' });
    if (email.trim()) params.set('email', email.trim());
    window.location.assign(`/sso/${encodeURIComponent(org.trim())}/login?${params}`);
  };
  const withKey = (e: FormEvent) => {
    e.preventDefault();
    exchange.mutate(apiKey.trim());
  };
  const keyError = failure(exchange.error)?.fieldError('apiKey');
  const error = query.get('error');

  return (
    <div className="auth-page">
      <main className="auth-card card" id="main">
        <div className="logo">Gatehouse</div>
        <h1>Sign in to the console</h1>
        {error && <Banner tone="error">{ERRORS[error] ?? `Sign-in failed (${error}).`}</Banner>}
        <form onSubmit={sso} aria-labelledby="sso-heading">
          <h2 id="sso-heading" className="visually-hidden">With single sign-on</h2>
          <Field label="Organization" hint="The organization's short name, as in its sign-in address.">
            <input className="input" value={org} onChange={(e) => setOrg(e.target.value)} required autoComplete="organization" />
          </Field>
          <Field label="Work email" hint="Finds your organization's identity provider.">
            <input className="input" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" placeholder="you@company.com" />
          </Field>
          <button type="submit" className="btn primary">Continue with single sign-on</button>
        </form>
        <div className="divider">or</div>
        <form onSubmit={withKey} aria-labelledby="key-heading">
          <h2 id="key-heading" className="h3">With an API key</h2>
          <p className="muted">For the first run and for emergencies: paste an owner or admin API key (the one <code>npm start</code> printed). It is exchanged for a session of a few hours and not stored in this browser.</p>
          <Field label="API key" error={keyError}>
            <input className="input" type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} required autoComplete="off" spellCheck={false} />
          </Field>
          <ErrorBanner error={exchange.error} shownFields={['apiKey']} />
          <button type="submit" className="btn primary" disabled={exchange.isPending}>{exchange.isPending ? 'Signing in…' : 'Sign in with API key'}</button>
        </form>
        <footer className="auth-footer">
          <a href="/docs">API reference</a> · <a href="/v1/openapi.json">OpenAPI document</a> · <a href="/readyz">Readiness</a>
        </footer>
      </main>
    </div>
  );
}

export function SignedOutPage() {
  return (
    <div className="auth-page">
      <main className="auth-card card" id="main">
        <div className="logo">Gatehouse</div>
        <h1>You are signed out</h1>
        <p>Your console session has ended. Close this tab, or sign in again.</p>
        <a className="btn primary" href="/sign-in">Sign in again</a>
      </main>
    </div>
  );
}
