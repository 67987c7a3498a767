// "My account": what everyone who signs in may see of themselves — profile, sessions, personal API
// keys (contributors and up may create them) and permissions.
import { PageHeader } from '../../design/Loading.tsx';
import { useViewer } from '../../shell/session.tsx';
import { ApiKeysTable } from '../settings/ApiKeysTable.tsx';
import { PermissionsTree } from '../people/PermissionsTree.tsx';
import { ROLE_LABELS } from '../people/labels.ts';
import { SessionsTable } from './SessionsTable.tsx';

export function MyAccountPage() {
  const { me } = useViewer();
  const user = me.user;
  return (
    <>
      <PageHeader title="My account" description={`Your access to ${me.organization.name}.`} />
      <section className="card" aria-labelledby="me-h">
        <h2 id="me-h">Profile</h2>
        <dl className="kv">
          {user ? <><dt>Name</dt><dd>{user.name ?? '—'}</dd><dt>User name</dt><dd>{user.userName}</dd><dt>Email</dt><dd>{user.email ?? '—'}</dd></>
            : <><dt>Signed in as</dt><dd>a service API key</dd></>}
          <dt>Organization role</dt><dd>{ROLE_LABELS[me.role]}</dd>
          <dt>Teams</dt><dd>{me.teams.length ? me.teams.join(', ') : '—'}</dd>
        </dl>
      </section>
      {user && (
        <section className="card" aria-labelledby="my-sessions-h">
          <h2 id="my-sessions-h">Sessions</h2>
          <SessionsTable scope="me" />
        </section>
      )}
      {user && (
        <section className="card" aria-labelledby="my-keys-h">
          <h2 id="my-keys-h">Personal API keys</h2>
          <p className="muted">A personal key acts as you, with your role and teams, and stops working if you are suspended or removed.</p>
          <ApiKeysTable kind="personal" mine />
        </section>
      )}
      <section className="card" aria-labelledby="my-perm-h">
        <h2 id="my-perm-h">Permissions</h2>
        <PermissionsTree subject="me" />
      </section>
    </>
  );
}
