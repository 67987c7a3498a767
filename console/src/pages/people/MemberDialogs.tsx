// The dialogs behind a person's menu. Refusals from the API (the last owner, an admin touching an
// owner) are shown in the dialog, in the API's words, next to the field they name.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, failure } from '../../api/client.ts';
import type { Member, OrgRole } from '../../api/types.ts';
import { Banner, ErrorBanner, sentence } from '../../design/Banner.tsx';
import { Dialog } from '../../design/Dialog.tsx';
import { Field } from '../../design/Field.tsx';
import { navigate } from '../../router.tsx';
import { useViewer } from '../../shell/session.tsx';
import { ROLE_HINTS, ROLE_LABELS, ROLES } from './labels.ts';

const personName = (m: Member) => m.name ?? m.userName;

function useMemberChange<T>(fn: (org: string) => Promise<T>, after?: () => void) {
  const { org } = useViewer();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fn(org),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['members'] });
      queryClient.invalidateQueries({ queryKey: ['member'] });
      queryClient.invalidateQueries({ queryKey: ['audit'] });
      after?.();
    },
  });
}

export function ChangeRoleDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const viewer = useViewer();
  const [role, setRole] = useState<OrgRole>(member.role);
  const change = useMemberChange((org) => call(api.PATCH('/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: member.id } }, body: { role } })));
  const f = failure(change.error);
  const lastOwner = f?.status === 422;
  return (
    <Dialog title={`Change role: ${personName(member)}`} onClose={onClose} actions={<>
      <button type="button" className="btn" onClick={onClose}>{change.isSuccess ? 'Close' : 'Cancel'}</button>
      {!change.isSuccess && <button type="button" className="btn primary" disabled={change.isPending || role === member.role} onClick={() => change.mutate()}>Update</button>}
    </>}>
      {change.isSuccess ? (
        <>
          <Banner tone="success">{personName(member)} is now {ROLE_LABELS[role]}. The change applies to their very next request.</Banner>
          {change.data.warnings.map((w) => <Banner key={w} tone="warning">{sentence(w)}</Banner>)}
        </>
      ) : (
        <>
          <Field label="Organization role" error={f?.fieldError('role')} hint={ROLE_HINTS[role]}>
            <select className="input" value={role} onChange={(e) => setRole(e.target.value as OrgRole)}>
              {ROLES.map((r) => <option key={r} value={r} disabled={r === 'owner' && !viewer.owner}>{ROLE_LABELS[r]}{r === 'owner' && !viewer.owner ? ' (owners only)' : ''}</option>)}
            </select>
          </Field>
          {!viewer.owner && <p className="muted">Only an owner may make someone an owner or change an owner.</p>}
          {member.role === 'owner' && role !== 'owner' && !lastOwner && (
            <Banner tone="warning">An organization needs at least one owner. If {personName(member)} is the only owner, name another owner first.</Banner>
          )}
          {lastOwner && <Banner tone="error" title="Not changed.">{sentence(f!.message)}. An organization always keeps an owner, so that it can never be locked out.</Banner>}
          {!lastOwner && <ErrorBanner error={change.error} shownFields={['role']} />}
        </>
      )}
    </Dialog>
  );
}

export function SuspendDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const active = !member.active;
  const change = useMemberChange((org) => call(api.PATCH('/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: member.id } }, body: { active } })), onClose);
  return (
    <Dialog title={active ? `Restore ${personName(member)}?` : `Suspend ${personName(member)}?`} onClose={onClose} actions={<>
      <button type="button" className="btn" onClick={onClose}>Cancel</button>
      <button type="button" className={active ? 'btn primary' : 'btn danger'} disabled={change.isPending} onClick={() => change.mutate()}>{active ? 'Yes, restore' : 'Yes, suspend'}</button>
    </>}>
      <p>{active
        ? 'They can sign in again, and their personal API keys work again. Sessions ended by the suspension stay ended.'
        : 'Their sessions end at once and their personal API keys stop working. Their role, teams and bindings are kept for when they are restored.'}</p>
      <ErrorBanner error={change.error} />
    </Dialog>
  );
}

export function RemoveDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const change = useMemberChange((org) => call(api.DELETE('/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: member.id } } })), () => {
    onClose();
    navigate('/people');
  });
  return (
    <Dialog title={`Remove ${personName(member)}?`} onClose={onClose} actions={<>
      <button type="button" className="btn" onClick={onClose}>Cancel</button>
      <button type="button" className="btn danger" disabled={change.isPending} onClick={() => change.mutate()}>Yes, remove</button>
    </>}>
      <p>{personName(member)} loses access to the organization now: sessions end, personal API keys and role bindings are deleted.
        {member.source === 'scim' && ' They are provisioned by SCIM: unassign them in your identity provider too, or it will provision them again.'}</p>
      <ErrorBanner error={change.error} />
    </Dialog>
  );
}

export function LeaveDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const queryClient = useQueryClient();
  const change = useMemberChange((org) => call(api.POST('/v1/orgs/{org}/leave', { params: { path: { org } } })), () => {
    queryClient.setQueryData(['console-session'], null);
    navigate('/signed-out', { replace: true });
  });
  const f = failure(change.error);
  return (
    <Dialog title="Leave the organization?" onClose={onClose} actions={<>
      <button type="button" className="btn" onClick={onClose}>Cancel</button>
      <button type="button" className="btn danger" disabled={change.isPending} onClick={() => change.mutate()}>Yes, leave</button>
    </>}>
      <p>You will lose access to this organization at once; an owner or admin would have to invite you again.</p>
      {member.role === 'owner' && <Banner tone="warning">If you are the only owner you cannot leave: make another member owner first.</Banner>}
      {f?.status === 422 ? <Banner tone="error" title="You cannot leave yet.">{sentence(f.message)}.</Banner> : <ErrorBanner error={change.error} />}
    </Dialog>
  );
}
