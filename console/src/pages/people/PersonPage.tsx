// One person: profile and source, their menu (Change Role, Suspend, Remove Access / Leave), teams
// from SCIM and from their last sign-in, live sessions, effective permissions and audit history.
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { ErrorBanner } from '../../design/Banner.tsx';
import { formatDate, Loading } from '../../design/Loading.tsx';
import { Link } from '../../router.tsx';
import { useViewer } from '../../shell/session.tsx';
import { AuditTrail } from '../audit/AuditTrail.tsx';
import { SessionsTable } from '../account/SessionsTable.tsx';
import { PermissionsTree } from './PermissionsTree.tsx';
import { MemberActions } from './MemberActions.tsx';
import { ROLE_LABELS, sourceLabel } from './labels.ts';

export function PersonPage({ id }: { id: string }) {
  const { org } = useViewer();
  const person = useQuery({ queryKey: ['member', org, id], queryFn: () => call(api.GET('/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: id } } })) });
  if (person.isPending) return <Loading what="Loading this person" />;
  if (person.isError) return <><p><Link to="/people">← People</Link></p><ErrorBanner error={person.error} /></>;
  const m = person.data;
  return (
    <>
      <p><Link to="/people">← People</Link></p>
      <header className="page-header">
        <div>
          <h1>{m.name ?? m.userName}</h1>
          <p className="muted">{m.email ?? m.userName} · {ROLE_LABELS[m.role]} · {m.active ? 'Active' : 'Suspended'}</p>
        </div>
        <MemberActions member={m} />
      </header>
      <section className="card" aria-labelledby="profile-h">
        <h2 id="profile-h">Profile</h2>
        <dl className="kv">
          <dt>User name</dt><dd>{m.userName}</dd>
          <dt>Email</dt><dd>{m.email ?? '—'}</dd>
          <dt>Name</dt><dd>{m.name ?? '—'}</dd>
          <dt>Organization role</dt><dd>{ROLE_LABELS[m.role]}</dd>
          <dt>Status</dt><dd>{m.active ? <span className="badge green">Active</span> : <span className="badge red">Suspended</span>}</dd>
          <dt>Source</dt><dd>{sourceLabel(m.source)}{m.source === 'scim' && <span className="muted"> — suspension and profile are managed by your identity provider</span>}</dd>
          <dt>Added</dt><dd>{formatDate(m.createdAt)}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="teams-h">
        <h2 id="teams-h">Teams</h2>
        <dl className="kv">
          <dt>From SCIM</dt><dd>{m.teams.scim.length ? <span className="row">{m.teams.scim.map((t) => <span key={t} className="badge blue">{t}</span>)}</span> : <span className="muted">none</span>}</dd>
          <dt>From the last sign-in</dt><dd>{m.teams.lastSignIn
            ? <>{m.teams.lastSignIn.teams.length ? m.teams.lastSignIn.teams.join(', ') : <span className="muted">no groups</span>} <span className="muted">({formatDate(m.teams.lastSignIn.at)})</span></>
            : <span className="muted">never signed in</span>}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="sessions-h">
        <h2 id="sessions-h">Sessions</h2>
        <SessionsTable scope={{ userId: m.id }} />
      </section>
      <section className="card" aria-labelledby="perm-h">
        <h2 id="perm-h">Effective permissions</h2>
        <PermissionsTree subject={`user:${m.id}`} />
      </section>
      <section className="card" aria-labelledby="audit-h">
        <h2 id="audit-h">Audit history</h2>
        <AuditTrail fixed={{ target: m.id }} compact />
      </section>
    </>
  );
}
