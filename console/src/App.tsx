// The console's top: signed out → sign-in; signed in → the frame and the page for the URL.
// People without console rights (not owner or admin) only get "My account".
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, call, whenSignedOut } from './api/client.ts';
import { ErrorBanner } from './design/Banner.tsx';
import { Loading } from './design/Loading.tsx';
import { routeFor } from './routes.tsx';
import { navigate, useLocation } from './router.tsx';
import { Layout } from './shell/Layout.tsx';
import { loadConsoleSession, ViewerContext, type ConsoleSession } from './shell/session.tsx';
import { SignedOutPage, SignInPage } from './pages/sign-in/SignInPage.tsx';

export function App() {
  const queryClient = useQueryClient();
  const { path } = useLocation();
  useEffect(() => whenSignedOut(() => queryClient.setQueryData(['console-session'], null)), [queryClient]);
  const session = useQuery({ queryKey: ['console-session'], queryFn: loadConsoleSession, staleTime: Infinity });

  if (session.isPending) return <Loading what="Opening the console" />;
  if (session.isError) return <main className="content"><ErrorBanner error={session.error} /></main>;
  if (!session.data) return path === '/signed-out' ? <SignedOutPage /> : <SignInPage />;
  return <SignedIn session={session.data} />;
}

function SignedIn({ session }: { session: ConsoleSession }) {
  const { path } = useLocation();
  const me = useQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/v1/me')) });
  const admin = session.consoleAccess;
  useEffect(() => {
    if (path === '/' || path === '/sign-in' || path === '/signed-out') navigate(admin ? '/people' : '/account', { replace: true });
  }, [path, admin]);
  if (me.isPending) return <Loading what="Opening the console" />;
  if (me.isError) return <main className="content"><ErrorBanner error={me.error} /></main>;
  const viewer = { session, me: me.data, org: me.data.organization.slug, admin, owner: me.data.role === 'owner' };
  return (
    <ViewerContext.Provider value={viewer}>
      <Layout>{routeFor(path, admin)}</Layout>
    </ViewerContext.Provider>
  );
}

