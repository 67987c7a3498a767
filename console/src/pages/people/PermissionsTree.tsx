// Effective permissions over the space tree: for each space the subject reaches, the actions held
// there and which binding, team or organization role they come from (POST /authorize explains it).
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { ErrorBanner } from '../../design/Banner.tsx';
import { Empty, Loading } from '../../design/Loading.tsx';
import type { Response200 } from '../../api/types.ts';
import { useViewer } from '../../shell/session.tsx';

interface Node { id: string; name: string; parentId: string | null; depth: number }

function ordered(spaces: { id: string; name: string; parentId: string | null }[]): Node[] {
  const children = new Map<string | null, typeof spaces>();
  for (const s of spaces) children.set(s.parentId, [...(children.get(s.parentId) ?? []), s]);
  const out: Node[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const s of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ ...s, depth });
      walk(s.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** `subject`: user:<id>, api_key:<id>, or 'me' (the caller, which anyone may ask about). */
export function PermissionsTree({ subject }: { subject: string }) {
  const { org } = useViewer();
  const data = useQuery({
    queryKey: ['permissions', org, subject],
    queryFn: async () => {
      const [perms, spaces] = await Promise.all([
        subject === 'me' ? call(api.GET('/v1/me/permissions')) : call(api.GET('/v1/orgs/{org}/permissions', { params: { path: { org }, query: { subject } } })),
        call(api.GET('/v1/orgs/{org}/spaces', { params: { path: { org }, query: { limit: 1000 } as never } })),
      ]);
      const held = perms.spaces.filter((s) => s.actions.length);
      const [type, id] = [subject.slice(0, subject.indexOf(':')), subject.slice(subject.indexOf(':') + 1)];
      const who = subject === 'me' ? {} : { subject: { type, id } as never };
      // Why: the sources of the first action held in each space.
      const why = held.length
        ? await call(api.POST('/v1/orgs/{org}/authorize', { params: { path: { org } }, body: { ...who, checks: held.map((s) => ({ action: s.actions[0]! as never, spaceId: s.spaceId })) } }))
        : { results: [] };
      return { perms: held, spaces: (spaces as { items: { id: string; name: string; parentId: string | null }[] }).items, why: 'results' in why ? why.results : [] };
    },
  });
  if (data.isPending) return <Loading what="Resolving permissions" />;
  if (data.isError) return <ErrorBanner error={data.error} />;
  const held = new Map(data.data.perms.map((p) => [p.spaceId, p.actions]));
  const why = new Map(data.data.why.map((r) => [r.spaceId, r.reasons as Reason[]]));
  const nodes = ordered(data.data.spaces).filter((n) => held.has(n.id));
  if (!nodes.length) return <Empty title="No access to any space">No role binding, team binding or organization role gives this person actions.</Empty>;
  return (
    <ul className="perm-tree">
      {nodes.map((n) => (
        <li key={n.id} style={{ paddingLeft: `${n.depth * 20}px` }}>
          <strong>{n.name}</strong>{n.name !== n.id && <> <code className="muted">{n.id}</code></>}
          <div className="perm-actions">{held.get(n.id)!.map((a) => <code key={a}>{a}</code>)}</div>
          <div className="muted perm-why">from {(why.get(n.id) ?? []).map(describeReason).join('; ') || 'its organization role'}</div>
        </li>
      ))}
    </ul>
  );
}

type Reason = Response200<'authorize'> extends infer R ? R extends { results: (infer C)[] } ? C extends { reasons: (infer X)[] } ? X : never : never : never;

function describeReason(r: Reason): string {
  const role = r.role.slug;
  const via = r.source === 'organization_role' ? `the ${r.orgRole} organization role (${role} of ${r.spaceId})`
    : r.source === 'session' ? `the login policy at sign-in (${role} in ${r.spaceId})`
    : r.team ? `team ${r.team}: ${role} in ${r.spaceId}` : `a direct binding: ${role} in ${r.spaceId}`;
  const how = r.propagation === 'inherited_down' ? ', down from a parent' : r.propagation === 'read_up' ? ', read up from an inheriting child' : '';
  return via + how;
}
