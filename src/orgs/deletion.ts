// Deleting an organization (domain §2: owners; "manage account"), confirmed by typing its slug.
// One transaction: the organization row locked FOR UPDATE (every change to it or its members takes
// that row first, src/orgs/guard.ts, so each either finished before or finds it gone), the deletion
// recorded, then the row deleted, which erases every table that holds the organization's data
// (each references organizations on delete cascade): members, groups, keys, SCIM tokens, sessions,
// SSO connections, spaces, roles, bindings, policies, invitations, queued mail. Credentials and
// sessions stop at once, since each is checked against its row on every request. The audit trail
// stays, with this record last, until the operator purges it (README, "Audit retention").
import type { Knex } from 'knex';
import { countAuditEvents, recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { invalidField, notFound } from '../http/errors.ts';
import { requireOrgPermission, requireOrgPermissionNow } from './guard.ts';
import { presentOrg } from './service.ts';
import * as store from './store.ts';

export async function deleteOrganization(db: Knex, ctx: RequestContext, confirm: string) {
  requireOrgPermission(ctx.actor, 'account:manage');
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    const org = await store.lockOrg(tx, orgId, 'delete');
    if (!org) throw notFound('organization');
    await requireOrgPermissionNow(tx, ctx.actor, 'account:manage');
    if (confirm !== org.slug) throw invalidField('confirm', "must be the organization's slug, to confirm that it is this organization you delete");
    const erased = await store.countOrgData(tx, orgId);
    await recordEvent(tx, orgId, ctx, { action: 'organization.deleted', target: { type: 'organization', id: orgId }, before: presentOrg(org), details: { erased } });
    await store.deleteOrg(tx, orgId);
    return { organization: presentOrg(org), erased, auditTrail: { kept: true as const, events: await countAuditEvents(tx, orgId) } };
  });
}
