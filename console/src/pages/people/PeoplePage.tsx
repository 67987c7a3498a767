// People (Organization Settings → Identity Management → Users): the directory, searched, filtered,
// sorted and paged by the server, so it stays fast at 100,000 people.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { Banner, ErrorBanner, sentence } from '../../design/Banner.tsx';
import { Empty, Loading, PageHeader } from '../../design/Loading.tsx';
import { Pager, useCursorPages } from '../../design/Pager.tsx';
import { Link, navigate, useLocation, withQuery } from '../../router.tsx';
import { useViewer } from '../../shell/session.tsx';
import { MemberActions } from './MemberActions.tsx';
import { ROLE_LABELS, ROLES, SOURCE_LABELS, sourceLabel } from './labels.ts';

type Sort = 'userName' | 'name' | 'createdAt' | '-createdAt';
const SORTS: Record<Sort, string> = { userName: 'User name (A–Z)', name: 'Name (A–Z)', '-createdAt': 'Newest first', createdAt: 'Oldest first' };
const PAGE_SIZE = 50;

export function PeoplePage() {
  const { org } = useViewer();
  const { query } = useLocation();
  const [search, setSearch] = useState(query.get('search') ?? '');
  const role = query.get('role') ?? '';
  const status = query.get('status') ?? '';
  const source = query.get('source') ?? '';
  const sort = (query.get('sort') ?? 'userName') as Sort;
  const applied = query.get('search') ?? '';

  // Search as you type, a moment after the last keystroke.
  useEffect(() => {
    const t = setTimeout(() => { if (search.trim() !== applied) navigate(withQuery(query, { search: search.trim() }), { replace: true }); }, 300);
    return () => clearTimeout(t);
  }, [search, applied, query]);

  const filterKey = [applied, role, status, source, sort].join('|');
  const pages = useCursorPages(filterKey);
  const list = useQuery({
    queryKey: ['members', org, filterKey, pages.cursor],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/v1/orgs/{org}/members', {
      params: {
        path: { org },
        query: {
          limit: PAGE_SIZE, sort,
          ...(applied ? { search: applied } : {}),
          ...(role ? { role: role as never } : {}),
          ...(status ? { active: status === 'active' ? 'true' : 'false' } : {}),
          ...(source ? { source: source as never } : {}),
          ...(pages.cursor ? { after: pages.cursor } : {}),
        },
      },
    })),
  });
  const set = (changes: Record<string, string>) => navigate(withQuery(query, changes), { replace: true });

  return (
    <>
      <PageHeader title="People" description="Everyone in the organization: provisioned by SCIM, signed in just in time, invited, or added by API."
        actions={<Link className="btn primary" to="/people/invite">+ Invite people</Link>} />
      {list.data?.warnings.map((w) => <Banner key={w} tone="warning">{sentence(w)}</Banner>)}
      <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field grow">
          <label htmlFor="people-search">Search</label>
          <input id="people-search" className="input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, email or user name" />
        </div>
        <div className="field">
          <label htmlFor="people-role">Role</label>
          <select id="people-role" className="input" value={role} onChange={(e) => set({ role: e.target.value })}>
            <option value="">All roles</option>
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="people-status">Status</label>
          <select id="people-status" className="input" value={status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">Active and suspended</option>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="people-source">Source</label>
          <select id="people-source" className="input" value={source} onChange={(e) => set({ source: e.target.value })}>
            <option value="">All sources</option>
            {Object.entries(SOURCE_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="people-sort">Sort</label>
          <select id="people-sort" className="input" value={sort} onChange={(e) => set({ sort: e.target.value === 'userName' ? '' : e.target.value })}>
            {Object.entries(SORTS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
      </form>
      <ErrorBanner error={list.error} />
      {list.isPending ? <Loading what="Loading people" /> : list.data && (
        <div className="table-wrap">
          {list.data.items.length === 0 ? (
            <Empty title={filterKey === '||||userName' ? 'Nobody here yet' : 'No one matches'}>
              {filterKey === '||||userName' ? <p>Invite people, or connect your identity provider over SCIM.</p> : <p>Try another search or clear the filters.</p>}
            </Empty>
          ) : (
            <table className="table" aria-describedby="people-count">
              <caption id="people-count" className="visually-hidden">People, page {pages.page}</caption>
              <thead><tr><th scope="col">Person</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Source</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {list.data.items.map((m) => (
                  <tr key={m.id}>
                    <td data-label="Person"><Link to={`/people/${m.id}`}>{m.name ?? m.userName}</Link><span className="sub">{m.email && m.email !== m.userName ? `${m.userName} · ${m.email}` : m.userName}</span></td>
                    <td data-label="Role">{ROLE_LABELS[m.role]}</td>
                    <td data-label="Status">{m.active ? <span className="badge green">Active</span> : <span className="badge red">Suspended</span>}</td>
                    <td data-label="Source">{sourceLabel(m.source)}</td>
                    <td className="actions"><MemberActions member={m} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager label="People" page={pages.page} next={list.data.next} onNext={pages.next} onPrevious={pages.previous} />
        </div>
      )}
    </>
  );
}
