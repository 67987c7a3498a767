// Webhook subscriptions: create (the secret shown once), list, read, change, delete, rotate the
// secret with an overlap, and the service disabling a subscription that keeps failing. Integrations
// are for owners and admins (domain §2). Secrets are sealed at rest (sessions/secret-box.ts).
import type { Knex } from 'knex';
import { recordEvent, SYSTEM } from '../audit/service.ts';
import type { Config } from '../config.ts';
import type { RequestContext } from '../http/actor.ts';
import { invalidField, notFound, refused } from '../http/errors.ts';
import { deliveryUrlError } from '../lib/address-policy.ts';
import { secretHint } from '../lib/secrets.ts';
import { requireOrgPermission } from '../orgs/guard.ts';
import { secretBox, type SecretBox } from '../sessions/secret-box.ts';
import { parkPending, promoteAll } from './deliveries-store.ts';
import { newWebhookSecret } from './signing.ts';
import * as store from './store.ts';

type Deps = { db: Knex; config: Config };

const PURPOSE = 'webhook-signing-secret';
const MAX_SUBSCRIPTIONS = 50;

export function presentSubscription(s: store.SubscriptionRow) {
  return {
    id: s.id,
    url: s.url,
    description: s.description,
    events: s.event_types,
    enabled: s.enabled,
    disabledReason: s.disabled_reason,
    disabledAt: s.disabled_at?.toISOString() ?? null,
    secretHint: s.secret_hint,
    previousSecretExpiresAt: s.previous_secret_expires_at && s.previous_secret_expires_at > new Date() ? s.previous_secret_expires_at.toISOString() : null,
    failingSince: s.failing_since?.toISOString() ?? null,
    createdBy: s.created_by,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  };
}

/** The secrets deliveries are signed with now: the current one, and the previous one during its overlap. */
export function liveSecrets(box: SecretBox, s: store.SubscriptionRow, now = new Date()): string[] {
  const secrets = [box.open(s.secret_sealed, PURPOSE)];
  if (s.previous_secret_sealed && s.previous_secret_expires_at && s.previous_secret_expires_at > now) secrets.push(box.open(s.previous_secret_sealed, PURPOSE));
  return secrets;
}

function checkUrl(config: Config, url: string): string {
  const why = deliveryUrlError(url, { allowHttp: config.webhookAllowHttp, allowPrivateAddresses: config.webhookAllowPrivateAddresses });
  if (why) throw invalidField('url', why);
  return url;
}

export interface NewWebhook { url: string; events: string[]; description?: string }

export async function createWebhook(deps: Deps, ctx: RequestContext, input: NewWebhook) {
  const { actor } = ctx;
  requireOrgPermission(actor, 'integrations:manage');
  const url = checkUrl(deps.config, input.url);
  const secret = newWebhookSecret();
  return deps.db.transaction(async (tx) => {
    if ((await store.countSubscriptions(tx, actor.orgId)) >= MAX_SUBSCRIPTIONS) throw refused(`an organization has at most ${MAX_SUBSCRIPTIONS} webhook subscriptions`);
    const row = await store.insertSubscription(tx, {
      org_id: actor.orgId, url, description: input.description ?? '', event_types: [...new Set(input.events)],
      secret_sealed: secretBox(deps.config.encryptionKey).seal(secret, PURPOSE), secret_hint: secretHint(secret), created_by: actor.label,
    });
    const shown = presentSubscription(row);
    await recordEvent(tx, actor.orgId, ctx, { action: 'webhook.created', target: { type: 'webhook', id: row.id }, after: shown });
    return { ...shown, secret };
  });
}

export async function listWebhooks(deps: Deps, ctx: RequestContext, after: string | undefined, limit: number) {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  const cursor = after ? await store.findSubscription(deps.db, ctx.actor.orgId, after) : null;
  if (after && !cursor) throw invalidField('after', 'is not a cursor returned as `next`');
  const rows = await store.listSubscriptions(deps.db, ctx.actor.orgId, cursor ? { createdAt: cursor.created_at, id: cursor.id } : null, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(presentSubscription), next: rows.length > limit ? page[page.length - 1]!.id : null };
}

export async function getWebhook(deps: Deps, ctx: RequestContext, id: string) {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  const row = await store.findSubscription(deps.db, ctx.actor.orgId, id);
  if (!row) throw notFound('webhook');
  return row;
}

export interface WebhookPatch { url?: string; events?: string[]; description?: string; enabled?: boolean }

export async function updateWebhook(deps: Deps, ctx: RequestContext, id: string, patch: WebhookPatch) {
  const { actor } = ctx;
  requireOrgPermission(actor, 'integrations:manage');
  if (patch.url !== undefined) checkUrl(deps.config, patch.url);
  const result = await deps.db.transaction(async (tx) => {
    const before = await store.findSubscription(tx, actor.orgId, id, true);
    if (!before) throw notFound('webhook');
    const enabling = patch.enabled === true && !before.enabled;
    const after = await store.updateSubscription(tx, actor.orgId, id, {
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.events !== undefined ? { event_types: [...new Set(patch.events)] } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(enabling ? { disabled_reason: null, disabled_at: null, failing_since: null } : {}),
      ...(patch.enabled === false && before.enabled ? { disabled_reason: `disabled by ${actor.label}`, disabled_at: new Date() } : {}),
    });
    if (patch.enabled === false && before.enabled) await parkPending(tx, actor.orgId, id);
    await recordEvent(tx, actor.orgId, ctx, { action: 'webhook.updated', target: { type: 'webhook', id }, before: presentSubscription(before), after: presentSubscription(after) });
    return { after, enabling };
  });
  // What waited while it was disabled goes out now, in order.
  if (result.enabling) await promoteAll(deps.db, id);
  return presentSubscription(result.after);
}

export async function deleteWebhook(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const { actor } = ctx;
  requireOrgPermission(actor, 'integrations:manage');
  await deps.db.transaction(async (tx) => {
    const before = await store.findSubscription(tx, actor.orgId, id, true);
    if (!before) throw notFound('webhook');
    await store.deleteSubscription(tx, actor.orgId, id);
    await recordEvent(tx, actor.orgId, ctx, { action: 'webhook.deleted', target: { type: 'webhook', id }, before: presentSubscription(before) });
  });
}

/** A new secret (shown once); the previous one keeps signing for the overlap, so receivers can switch without a gap. */
export async function rotateWebhookSecret(deps: Deps, ctx: RequestContext, id: string, overlapSeconds: number) {
  const { actor } = ctx;
  requireOrgPermission(actor, 'integrations:manage');
  const secret = newWebhookSecret();
  return deps.db.transaction(async (tx) => {
    const before = await store.findSubscription(tx, actor.orgId, id, true);
    if (!before) throw notFound('webhook');
    const previousExpiresAt = new Date(Date.now() + overlapSeconds * 1000);
    const after = await store.updateSubscription(tx, actor.orgId, id, {
      secret_sealed: secretBox(deps.config.encryptionKey).seal(secret, PURPOSE),
      secret_hint: secretHint(secret),
      previous_secret_sealed: overlapSeconds > 0 ? before.secret_sealed : null,
      previous_secret_expires_at: overlapSeconds > 0 ? previousExpiresAt : null,
    });
    await recordEvent(tx, actor.orgId, ctx, {
      action: 'webhook.secret_rotated', target: { type: 'webhook', id },
      before: { secretHint: before.secret_hint }, after: { secretHint: after.secret_hint },
      details: { previousExpiresAt: overlapSeconds > 0 ? previousExpiresAt.toISOString() : null },
    });
    return { ...presentSubscription(after), secret };
  });
}

/**
 * Disables a subscription whose delivery was given up after the whole retry window, unless a
 * delivery succeeded since that one began failing. The audit record is also the `webhook.disabled`
 * event other subscriptions and the feed receive.
 */
export async function disableFailingSubscription(db: Knex, orgId: string, id: string, failingSince: Date, reason: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const before = await store.findSubscription(tx, orgId, id, true);
    if (!before?.enabled || !before.failing_since || before.failing_since > failingSince) return false;
    const after = await store.updateSubscription(tx, orgId, id, { enabled: false, disabled_reason: reason, disabled_at: new Date() });
    await parkPending(tx, orgId, id);
    await recordEvent(tx, orgId, null, {
      action: 'webhook.disabled', target: { type: 'webhook', id },
      before: presentSubscription(before), after: presentSubscription(after),
      details: { reason, url: before.url, failingSince: before.failing_since.toISOString(), by: SYSTEM.label },
    });
    return true;
  });
}
