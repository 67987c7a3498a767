import { PageHeader } from '../../design/Loading.tsx';
import { AuditTrail } from './AuditTrail.tsx';

export function AuditPage() {
  return (
    <>
      <PageHeader title="Audit log" description="Every change, who made it and from where, newest first. Filter by event (member.* for a whole kind), actor or target id, and time; download every match." />
      <AuditTrail />
    </>
  );
}
