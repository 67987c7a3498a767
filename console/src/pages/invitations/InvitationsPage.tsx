// Invitations with their states (queued, pending, expired, accepted, revoked) and the delivery of
// their mail; Resend and Delete from each row's menu (seed 003).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client.ts';
import type { Invitation } from '../../api/types.ts';
import { Banner, ErrorBanner } from '../../design/Banner.tsx';
import { Dialog } from '../../design/Dialog.tsx';
import { Empty, formatDate, Loading, PageHeader } from '../../design/Loading.tsx';
import { Menu } from '../../design/Menu.tsx';
import { Pager, useCursorPages } from '../../design/Pager.tsx';
import { Link } from '../../router.tsx';
import { useViewer } from '../../shell/session.tsx';
import { ROLE_LABELS } from '../people/labels.ts';
import { StrategyBanner } from './StrategyBanner.tsx';

const STATES = ['queued', 'pending', 'expired', 'accepted', 'revoked'] as const;
const STATE_TONE: Record<string, string> = { queued: 'amber', pending: 'blue', expired: 'red', accepted: 'green', revoked: '' };
const DELIVERY_TEXT: Record<string, string> = { queued: 'waiting to send', sending: 'sending', sent: 'sent', failed: 'failed' };

export function InvitationsPage() {
  const { org } = useViewer();
  const queryClient = useQueryClient();
  const [states, setStates] = useState<string[]>(['queued', 'pending', 'expired']);
  const [email, setEmail] = useState('');
  const [deleting, setDeleting] = useState<Invitation | null>(null);
  const filterKey = `${states.join(',')}|${email}`;
  const pages = useCursorPages(filterKey);
  const list = useQuery({
    queryKey: ['invitations', org, filterKey, pages.cursor],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/v1/orgs/{org}/invitations', {
      params: { path: { org }, query: { limit: 50, state: states.join(',') || STATES.join(','), ...(email ? { email } : {}), ...(pages.cursor ? { after: pages.cursor } : {}) } },
    })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['invitations'] });
  const resend = useMutation({ mutationFn: (id: string) => call(api.POST('/v1/orgs/{org}/invitations/{id}/resend', { params: { path: { org, id } } })), onSuccess: refresh });
  const remove = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/v1/orgs/{org}/invitations/{id}', { params: { path: { org, id } } })),
    onSuccess: () => { setDeleting(null); refresh(); },
  });
  const toggle = (s: string) => setStates(states.includes(s) ? states.filter((x) => x !== s) : [...states, s]);

  return (
    <>
      <PageHeader title="Invitations" description="Accepted invitations become people; pending ones can be resent (a new link, a new expiry) or deleted."
        actions={<Link className="btn primary" to="/people/invite">+ Invite people</Link>} />
      <StrategyBanner />
      {resend.isSuccess && <Banner tone="success">Resent to {resend.data.email}: a new link, valid until {formatDate(resend.data.expiresAt)}. The old link no longer works.</Banner>}
      <ErrorBanner error={resend.error} />
      <div className="toolbar">
        <fieldset className="row" style={{ margin: 0 }}>
          <legend>States</legend>
          {STATES.map((s) => (
            <label key={s} className="check"><input type="checkbox" checked={states.includes(s)} onChange={() => toggle(s)} /> {s}</label>
          ))}
        </fieldset>
        <div className="field grow"><label htmlFor="inv-email">Address starts with</label>
          <input id="inv-email" className="input" type="search" value={email} onChange={(e) => setEmail(e.target.value.trim())} /></div>
      </div>
      <ErrorBanner error={list.error} />
      {list.isPending ? <Loading what="Loading invitations" /> : list.data && (
        <div className="table-wrap">
          {!list.data.items.length ? <Empty title="No invitations here"><p>Invite people from <Link to="/people/invite">Invite team members</Link>.</p></Empty> : (
            <table className="table">
              <thead><tr><th scope="col">Address</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Mail</th><th scope="col">Expires</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {list.data.items.map((i) => (
                  <tr key={i.id} data-testid="invitation-row">
                    <td data-label="Address">{i.email}<span className="sub">by {i.invitedBy} · {formatDate(i.createdAt)}</span></td>
                    <td data-label="Role">{ROLE_LABELS[i.role]}{i.bindings.length ? <span className="sub">+ {i.bindings.length} space role{i.bindings.length > 1 ? 's' : ''}</span> : null}</td>
                    <td data-label="State"><span className={`badge ${STATE_TONE[i.state]}`}>{i.state}</span></td>
                    <td data-label="Mail">{i.delivery ? DELIVERY_TEXT[i.delivery] : '—'}{i.deliveryError && <span className="sub" style={{ color: 'var(--danger)' }}>{i.deliveryError}</span>}</td>
                    <td data-label="Expires">{formatDate(i.expiresAt)}</td>
                    <td className="actions">
                      <Menu label="Actions" items={[
                        { label: 'Resend', onSelect: () => resend.mutate(i.id), disabled: i.state === 'accepted' || i.state === 'revoked' || resend.isPending },
                        { label: 'Delete', onSelect: () => setDeleting(i), danger: true, disabled: i.state === 'accepted' || i.state === 'revoked' },
                      ]} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager label="Invitations" page={pages.page} next={list.data.next} onNext={pages.next} onPrevious={pages.previous} />
        </div>
      )}
      {deleting && (
        <Dialog title={`Delete the invitation to ${deleting.email}?`} onClose={() => setDeleting(null)} actions={<>
          <button type="button" className="btn" onClick={() => setDeleting(null)}>Cancel</button>
          <button type="button" className="btn danger" disabled={remove.isPending} onClick={() => remove.mutate(deleting.id)}>Yes, delete</button>
        </>}>
          <p>The link in the mail stops working at once. The invitation stays listed as revoked.</p>
          <ErrorBanner error={remove.error} />
        </Dialog>
      )}
    </>
  );
}
