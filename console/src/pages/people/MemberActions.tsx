// A person's row menu (seed 003): Change Role, Suspend or Restore, Remove Access — or Leave
// Organization on the signed-in person's own row. Each opens a dialog that says what will happen.
import { useState } from 'react';
import type { Member } from '../../api/types.ts';
import { Menu, type MenuItem } from '../../design/Menu.tsx';
import { useViewer } from '../../shell/session.tsx';
import { ChangeRoleDialog, LeaveDialog, RemoveDialog, SuspendDialog } from './MemberDialogs.tsx';

type Open = 'role' | 'suspend' | 'remove' | 'leave' | null;

export function MemberActions({ member }: { member: Member }) {
  const viewer = useViewer();
  const [open, setOpen] = useState<Open>(null);
  const self = viewer.me.user?.id === member.id;
  const mayChange = viewer.admin && (member.role !== 'owner' || viewer.owner);
  const items: MenuItem[] = [
    { label: 'Change Role', onSelect: () => setOpen('role'), disabled: !mayChange },
    { label: member.active ? 'Suspend' : 'Restore', onSelect: () => setOpen('suspend'), disabled: !mayChange || member.source === 'scim' || self },
    self
      ? { label: 'Leave Organization', onSelect: () => setOpen('leave'), danger: true, disabled: !viewer.admin }
      : { label: 'Remove Access', onSelect: () => setOpen('remove'), danger: true, disabled: !viewer.owner },
  ];
  const close = () => setOpen(null);
  return (
    <>
      <Menu label={`Actions`} items={items} />
      {open === 'role' && <ChangeRoleDialog member={member} onClose={close} />}
      {open === 'suspend' && <SuspendDialog member={member} onClose={close} />}
      {open === 'remove' && <RemoveDialog member={member} onClose={close} />}
      {open === 'leave' && <LeaveDialog member={member} onClose={close} />}
    </>
  );
}
