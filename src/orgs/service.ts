// Organizations: read, rename, strategy switch, creation (bootstrap credential only).
import type { Knex } from 'knex';
import { initOrgAccess } from '../access/org-init.ts';
import { insertKeyAudited } from '../api-keys/service.ts';
import { recordEvent } from '../audit/service.ts';
import type { Config } from '../config.ts';
import type { RequestContext } from '../http/actor.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { sendQueuedInvitations } from '../invitations/issue.ts';
import { countQueuedInvitations } from '../invitations/service.ts';
import { secretBox } from '../sessions/secret-box.ts';
import { countSessionsToEnd, endOrgSessions } from '../sessions/service.ts';
import { requireOrgPermission, requireOrgPermissionNow } from './guard.ts';
import { findMember } from './members-store.ts';
import { ownerWarnings, presentMember } from './members-service.ts';
import * as store from './store.ts';

export type ManagementStrategy = store.OrgRow['management_strategy'];

export function presentOrg(o: store.OrgRow) {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    managementStrategy: o.management_strategy,
    createdAt: o.created_at.toISOString(),
    updatedAt: o.updated_at.toISOString(),
  };
}

/**
 * Creates an organization with an owner service key, inside the caller's transaction.
 * Returns undefined when the slug is taken. `ownerSecret` lets bootstrap use BOOTSTRAP_TOKEN.
 */
export async function createOrgWithOwnerKey(
  tx: Knex.Transaction,
  ctx: RequestContext | null,
  org: { slug: string; name: string; managementStrategy: ManagementStrategy },
  ownerSecret?: string,
) {
  const row = await store.insertOrg(tx, { slug: org.slug, name: org.name, management_strategy: org.managementStrategy });
  if (!row) return undefined;
  await recordEvent(tx, row.id, ctx, { action: 'organization.created', target: { type: 'organization', id: row.id }, after: presentOrg(row) });
  await initOrgAccess(tx, row.id); // the `root` space and the predefined roles (domain §1, §4)
  const key = await insertKeyAudited(tx, row.id, ctx, { name: 'owner key', kind: 'service', role: 'owner' }, ownerSecret);
  return { organization: presentOrg(row), ownerApiKey: key! };
}

export async function createOrganization(db: Knex, ctx: RequestContext, input: { slug: string; name: string; managementStrategy: ManagementStrategy }) {
  if (!ctx.actor.bootstrap) throw forbidden('only the bootstrap credential (BOOTSTRAP_TOKEN) may create organizations');
  return db.transaction(async (tx) => {
    const created = await createOrgWithOwnerKey(tx, ctx, input);
    if (!created) throw conflict('an organization with this slug already exists', 'slug');
    return created;
  });
}

export async function getOrganization(db: Knex, ctx: RequestContext) {
  const org = await store.findOrgById(db, ctx.actor.orgId);
  if (!org) throw notFound('organization');
  return { ...presentOrg(org), warnings: await ownerWarnings(db, org.id) };
}

export async function updateOrganization(db: Knex, config: Pick<Config, 'encryptionKey'>, ctx: RequestContext, patch: { name?: string; managementStrategy?: ManagementStrategy }) {
  requireOrgPermission(ctx.actor, 'account:manage');
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    const before = await store.lockOrg(tx, orgId);
    if (!before) throw notFound('organization');
    await requireOrgPermissionNow(tx, ctx.actor, 'account:manage');
    const after = await store.updateOrg(tx, orgId, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.managementStrategy !== undefined ? { management_strategy: patch.managementStrategy } : {}),
    });
    const target = { type: 'organization', id: orgId };
    if (patch.name !== undefined && patch.name !== before.name) {
      await recordEvent(tx, orgId, ctx, { action: 'organization.updated', target, before: { name: before.name }, after: { name: after.name } });
    }
    if (patch.managementStrategy !== undefined && patch.managementStrategy !== before.management_strategy) {
      // Every session but the author's ends, so nobody keeps access the new rules would refuse (domain §6).
      const endedSessions = await endOrgSessions(tx, orgId, ctx.actor.sessionId, 'strategy_changed');
      await recordEvent(tx, orgId, ctx, {
        action: 'organization.strategy_changed',
        target,
        before: { managementStrategy: before.management_strategy },
        after: { managementStrategy: after.management_strategy },
        details: { endedSessions: endedSessions.length },
      });
      // Seed 000, "Migrating from Login Policy": queued invitations go out on the switch, through the
      // outbox in this transaction (the org row is locked, so no invitation is queued meanwhile).
      if (after.management_strategy === 'user_management') await sendQueuedInvitations(tx, secretBox(config.encryptionKey), orgId, ctx);
    }
    return { ...presentOrg(after), warnings: await ownerWarnings(tx, orgId) };
  });
}

/** What switching the management strategy would do, counted, for the owner to confirm. */
export async function previewStrategySwitch(db: Knex, ctx: RequestContext, to: ManagementStrategy) {
  requireOrgPermission(ctx.actor, 'account:manage');
  const org = await store.findOrgById(db, ctx.actor.orgId);
  if (!org) throw notFound('organization');
  const changes = org.management_strategy !== to;
  const [queued, sessions] = changes
    ? await Promise.all([to === 'user_management' ? countQueuedInvitations(db, org.id) : 0, countSessionsToEnd(db, org.id, ctx.actor.sessionId)])
    : [0, 0];
  return { from: org.management_strategy, to, queuedInvitations: queued, sessionsToEnd: sessions };
}

/** GET /v1/me: the caller as the service sees it. */
export async function describeActor(db: Knex, ctx: RequestContext) {
  const { actor } = ctx;
  const org = await store.findOrgById(db, actor.orgId);
  if (!org) throw notFound('organization');
  const user = actor.userId ? await findMember(db, actor.orgId, actor.userId) : undefined;
  return {
    type: actor.type,
    organization: presentOrg(org),
    role: actor.role,
    user: user ? presentMember(user) : null,
    apiKeyId: actor.apiKeyId,
    sessionId: actor.sessionId,
    teams: [...actor.teams],
  };
}
