// The audit trail: filters (event, actor, target, time), cursor paging, and downloads of every
// match as NDJSON or CSV (streamed by the server, so a large export never sits in the page).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client.ts';
import type { AuditEvent, AuditPage } from '../../api/types.ts';
import { ErrorBanner } from '../../design/Banner.tsx';
import { Empty, formatDate, Loading } from '../../design/Loading.tsx';
import { Pager, useCursorPages } from '../../design/Pager.tsx';
import { useViewer } from '../../shell/session.tsx';

interface Filters { action: string; actor: string; target: string; since: string; until: string }
const NONE: Filters = { action: '', actor: '', target: '', since: '', until: '' };

const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

function queryOf(f: Filters) {
  return {
    ...(f.action ? { action: f.action } : {}),
    ...(f.actor ? { actor: f.actor } : {}),
    ...(f.target ? { target: f.target } : {}),
    ...(f.since ? { since: toIso(f.since) } : {}),
    ...(f.until ? { until: toIso(f.until) } : {}),
  };
}

export function downloadUrl(org: string, f: Filters, format: 'ndjson' | 'csv'): string {
  const q = new URLSearchParams(Object.entries(queryOf(f)).filter(([, v]) => v) as [string, string][]);
  q.set('format', format);
  q.set('order', 'desc');
  return `/v1/orgs/${encodeURIComponent(org)}/audit-events?${q}`;
}

function summary(e: AuditEvent): string {
  const d = e.details as Record<string, unknown> | null;
  if (e.action === 'sign_in.refused' && d) return `${String(d.reason ?? '')}: ${String(d.message ?? '')}`;
  const after = e.after as Record<string, unknown> | null;
  const before = e.before as Record<string, unknown> | null;
  if (e.action === 'member.role_changed') return `${String(before?.role)} → ${String(after?.role)}`;
  if (after && typeof after.email === 'string') return after.email;
  if (after && typeof after.name === 'string') return after.name;
  return '';
}

export function AuditTrail({ fixed = {}, compact = false }: { fixed?: Partial<Filters>; compact?: boolean }) {
  const { org } = useViewer();
  const [draft, setDraft] = useState<Filters>({ ...NONE, ...fixed });
  const [filters, setFilters] = useState<Filters>({ ...NONE, ...fixed });
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useQuery({
    queryKey: ['audit', org, filters, pages.cursor],
    placeholderData: keepPreviousData,
    queryFn: async () => (await call(api.GET('/v1/orgs/{org}/audit-events', {
      params: { path: { org }, query: { limit: compact ? 10 : 50, order: 'desc', ...queryOf(filters), ...(pages.cursor ? { after: pages.cursor } : {}) } },
    }))) as AuditPage,
  });
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });

  return (
    <>
      {!compact && (
        <form className="toolbar" onSubmit={(e) => { e.preventDefault(); setFilters(draft); }}>
          <div className="field"><label htmlFor="audit-action">Event</label>
            <input id="audit-action" className="input" value={draft.action} onChange={set('action')} placeholder="member.* or invitation.created" /></div>
          <div className="field"><label htmlFor="audit-actor">Actor id</label>
            <input id="audit-actor" className="input" value={draft.actor} onChange={set('actor')} /></div>
          <div className="field"><label htmlFor="audit-target">Target id</label>
            <input id="audit-target" className="input" value={draft.target} onChange={set('target')} /></div>
          <div className="field"><label htmlFor="audit-since">From</label>
            <input id="audit-since" className="input" type="datetime-local" value={draft.since} onChange={set('since')} /></div>
          <div className="field"><label htmlFor="audit-until">Until</label>
            <input id="audit-until" className="input" type="datetime-local" value={draft.until} onChange={set('until')} /></div>
          <button type="submit" className="btn primary">Apply</button>
          <button type="button" className="btn" onClick={() => { setDraft(NONE); setFilters(NONE); }}>Clear</button>
          <span className="spacer" />
          <a className="btn" href={downloadUrl(org, filters, 'ndjson')} download="audit-events.ndjson">Download NDJSON</a>
          <a className="btn" href={downloadUrl(org, filters, 'csv')} download="audit-events.csv">Download CSV</a>
        </form>
      )}
      <ErrorBanner error={list.error} />
      {list.isPending ? <Loading what="Loading the audit trail" /> : list.data && (
        <div className="table-wrap">
          {!list.data.items.length ? <Empty title="No events match" /> : (
            <table className="table">
              <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Actor</th><th scope="col">Detail</th></tr></thead>
              <tbody>
                {list.data.items.map((e) => (
                  <tr key={e.id}>
                    <td data-label="When">{formatDate(e.at)}</td>
                    <td data-label="Event"><code>{e.action}</code>{e.target && <span className="sub">{e.target.type} {e.target.id}</span>}</td>
                    <td data-label="Actor">{e.actor.label ?? e.actor.type}<span className="sub">{e.ip ?? ''}</span></td>
                    <td data-label="Detail">{summary(e)}{e.requestId && <span className="sub">request {e.requestId}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager label="Audit events" page={pages.page} next={list.data.next} onNext={pages.next} onPrevious={pages.previous} />
        </div>
      )}
    </>
  );
}
