// The signed-in frame: navigation by the seeds' sections (Identity management, Integrations,
// Organization), who is signed in, and sign out.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { api, call, setCsrfToken } from '../api/client.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useViewer } from './session.tsx';

interface NavItem { to: string; label: string; }

const ADMIN_NAV: { title: string; items: NavItem[] }[] = [
  { title: 'Identity management', items: [{ to: '/people', label: 'People' }, { to: '/invitations', label: 'Invitations' }] },
  { title: 'Integrations', items: [{ to: '/settings/sso', label: 'SSO connections' }, { to: '/settings/scim', label: 'SCIM provisioning' }, { to: '/settings/api-keys', label: 'API keys' }] },
  { title: 'Organization', items: [{ to: '/settings', label: 'Settings' }, { to: '/audit', label: 'Audit log' }] },
];
const ACCOUNT_NAV = [{ title: 'You', items: [{ to: '/account', label: 'My account' }] }];

const isCurrent = (to: string, path: string) => (to === '/settings' ? path === '/settings' : path === to || path.startsWith(`${to}/`));

export function Layout({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  const { path } = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  const queryClient = useQueryClient();
  useEffect(() => setNavOpen(false), [path]);

  const signOut = useMutation({
    mutationFn: () => call(api.DELETE('/v1/console/session')),
    onSettled: () => {
      setCsrfToken(null);
      // Signed in through SSO: the organization's own signed-out page (src/sign-in-pages).
      if (viewer.session.via === 'sso') {
        window.location.assign(`/sso/${encodeURIComponent(viewer.org)}/signed-out`);
        return;
      }
      queryClient.clear();
      navigate('/signed-out', { replace: true });
      queryClient.setQueryData(['console-session'], null);
    },
  });

  const sections = viewer.admin ? [...ADMIN_NAV, ...ACCOUNT_NAV] : ACCOUNT_NAV;
  const who = viewer.me.user?.name ?? viewer.me.user?.userName ?? (viewer.me.type === 'api_key' ? 'API key' : viewer.me.role);
  return (
    <div className={`shell${navOpen ? ' nav-open' : ''}`}>
      <a className="skip" href="#main">Skip to content</a>
      <div className="topbar">
        <strong>{viewer.me.organization.name}</strong>
        <button type="button" className="btn small" aria-expanded={navOpen} aria-controls="sidebar" onClick={() => setNavOpen(!navOpen)}>Menu</button>
      </div>
      <aside className="sidebar" id="sidebar">
        <div className="brand">
          <strong>{viewer.me.organization.name}</strong>
          <span>Gatehouse · {viewer.me.organization.slug}</span>
        </div>
        <nav aria-label="Console">
          {sections.map((s) => (
            <div key={s.title}>
              <h2>{s.title}</h2>
              {s.items.map((i) => <Link key={i.to} to={i.to} aria-current={isCurrent(i.to, path) ? 'page' : undefined}>{i.label}</Link>)}
            </div>
          ))}
        </nav>
        <div className="who">
          Signed in as <strong>{who}</strong>
          {viewer.me.role} · {viewer.session.via === 'api_key' ? 'with an API key' : 'through SSO'}
          <button type="button" className="btn small" onClick={() => signOut.mutate()} disabled={signOut.isPending}>Sign out</button>
        </div>
      </aside>
      <main className="content" id="main" tabIndex={-1}>{children}</main>
    </div>
  );
}
