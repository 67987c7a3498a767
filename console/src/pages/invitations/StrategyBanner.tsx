// Under the login-policy strategy invitations wait, queued (seed 000, "Migrating from Login Policy").
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { Banner } from '../../design/Banner.tsx';
import { Link } from '../../router.tsx';
import { useViewer } from '../../shell/session.tsx';

export function StrategyBanner() {
  const { org } = useViewer();
  const orgQuery = useQuery({ queryKey: ['org', org], queryFn: () => call(api.GET('/v1/orgs/{org}', { params: { path: { org } } })) });
  if (orgQuery.data?.managementStrategy !== 'login_policy') return null;
  return (
    <Banner tone="warning" title="Invitations are queued.">
      This organization uses login policies, so invitations are not sent yet. Switching to user management
      (in <Link to="/settings">Settings</Link>) sends every queued invitation; you can switch back.
    </Banner>
  );
}
