// Live sessions — one's own (My account) or a person's (their page, for session managers) —
// with "End" per session and "End all".
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { ErrorBanner } from '../../design/Banner.tsx';
import { Empty, formatDate, Loading } from '../../design/Loading.tsx';
import { useViewer } from '../../shell/session.tsx';

export function SessionsTable({ scope }: { scope: 'me' | { userId: string } }) {
  const { org } = useViewer();
  const queryClient = useQueryClient();
  const key = ['sessions', org, scope === 'me' ? 'me' : scope.userId];
  const list = useQuery({
    queryKey: key,
    queryFn: () => (scope === 'me'
      ? call(api.GET('/v1/me/sessions', { params: { query: { limit: 100 } } }))
      : call(api.GET('/v1/orgs/{org}/sessions', { params: { path: { org }, query: { userId: scope.userId, limit: 100 } } }))),
  });
  const end = useMutation({
    mutationFn: (id: string | null) => {
      if (scope === 'me') return id ? call(api.DELETE('/v1/me/sessions/{id}', { params: { path: { id } } })) : call(api.DELETE('/v1/me/sessions'));
      return id
        ? call(api.DELETE('/v1/orgs/{org}/sessions/{id}', { params: { path: { org, id } } }))
        : call(api.DELETE('/v1/orgs/{org}/members/{userId}/sessions', { params: { path: { org, userId: scope.userId } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  if (list.isPending) return <Loading what="Loading sessions" />;
  if (list.isError) return <ErrorBanner error={list.error} />;
  if (!list.data.items.length) return <Empty title="No live sessions">{scope === 'me' ? 'You are signed in with an API key, not a sign-in session.' : 'They are not signed in anywhere.'}</Empty>;
  return (
    <>
      <ErrorBanner error={end.error} />
      <div className="table-wrap">
        <table className="table">
          <thead><tr><th scope="col">Started</th><th scope="col">From</th><th scope="col">Teams</th><th scope="col">Expires</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {list.data.items.map((s) => (
              <tr key={s.id}>
                <td data-label="Started">{formatDate(s.createdAt)}{s.current && <> <span className="badge blue">this session</span></>}</td>
                <td data-label="From">{s.ip ?? '—'}<span className="sub">{s.userAgent?.slice(0, 60) ?? ''}</span></td>
                <td data-label="Teams">{s.teams.join(', ') || '—'}</td>
                <td data-label="Expires">{formatDate(s.expiresAt)}</td>
                <td className="actions"><button type="button" className="btn small" disabled={end.isPending} onClick={() => end.mutate(s.id)}>End</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.data.items.length > 1 && <p className="row end" style={{ marginTop: 12 }}><button type="button" className="btn danger small" onClick={() => end.mutate(null)}>End all sessions</button></p>}
    </>
  );
}
