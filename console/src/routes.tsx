// Which page a URL shows. Owners and admins get every page; everyone else only My account.
import type { ReactNode } from 'react';
import { match } from './router.tsx';
import { MyAccountPage } from './pages/account/MyAccountPage.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { InvitationsPage } from './pages/invitations/InvitationsPage.tsx';
import { InvitePage } from './pages/invitations/InvitePage.tsx';
import { PeoplePage } from './pages/people/PeoplePage.tsx';
import { PersonPage } from './pages/people/PersonPage.tsx';
import { ApiKeysPage } from './pages/settings/ApiKeysPage.tsx';
import { OrganizationPage } from './pages/settings/OrganizationPage.tsx';
import { ScimPage } from './pages/settings/ScimPage.tsx';
import { SsoDetailPage } from './pages/settings/SsoDetailPage.tsx';
import { SsoListPage } from './pages/settings/SsoListPage.tsx';
import { SsoNewPage } from './pages/settings/SsoNewPage.tsx';

type Page = (params: Record<string, string>) => ReactNode;

const ADMIN_ROUTES: [string, Page][] = [
  ['/people', () => <PeoplePage />],
  ['/people/invite', () => <InvitePage />],
  ['/people/:id', (p) => <PersonPage id={p.id!} />],
  ['/invitations', () => <InvitationsPage />],
  ['/settings', () => <OrganizationPage />],
  ['/settings/api-keys', () => <ApiKeysPage />],
  ['/settings/scim', () => <ScimPage />],
  ['/settings/sso', () => <SsoListPage />],
  ['/settings/sso/new', () => <SsoNewPage />],
  ['/settings/sso/:id', (p) => <SsoDetailPage id={p.id!} />],
  ['/audit', () => <AuditPage />],
];
const ACCOUNT_ROUTES: [string, Page][] = [['/account', () => <MyAccountPage />]];

export function routeFor(path: string, admin: boolean): ReactNode {
  for (const [pattern, page] of [...(admin ? ADMIN_ROUTES : []), ...ACCOUNT_ROUTES]) {
    const params = match(pattern, path);
    if (params) return page(params);
  }
  if (!admin && ADMIN_ROUTES.some(([p]) => match(p, path))) {
    return <><h1>Not available</h1><p>Only owners and admins use this page. Your own access is under <a href="/account">My account</a>.</p></>;
  }
  return <><h1>Page not found</h1><p>There is no console page at this address.</p></>;
}
