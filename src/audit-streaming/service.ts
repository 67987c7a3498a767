// Audit streaming sinks: per-organization destinations that receive every audit record (SIEMs).
// Owners and admins manage them (integrations, domain §2); secrets are sealed, never shown again.
import type { Knex } from 'knex';
import { z } from 'zod';
import { recordEvent } from '../audit/service.ts';
import type { Config } from '../config.ts';
import type { RequestContext } from '../http/actor.ts';
import { invalidFields, notFound, refused } from '../http/errors.ts';
import { fieldErrors } from '../http/route.ts';
import { deliveryUrlError } from '../lib/address-policy.ts';
import { requireOrgPermission } from '../orgs/guard.ts';
import { secretBox } from '../sessions/secret-box.ts';
import { KINDS, type Kind } from './kinds.ts';
import * as store from './store.ts';

type Deps = { db: Knex; config: Config };

const PURPOSE = 'audit-sink-secrets';
const MAX_SINKS = 10;

export function openSinkSecrets(config: Pick<Config, 'encryptionKey'>, s: store.SinkRow): Record<string, unknown> {
  return s.secrets_sealed ? (JSON.parse(secretBox(config.encryptionKey).open(s.secrets_sealed, PURPOSE)) as Record<string, unknown>) : {};
}

export function presentSink(s: store.SinkRow, backlog?: number) {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    settings: s.settings,
    enabled: s.enabled,
    cursor: String(s.cursor_seq),
    ...(backlog === undefined ? {} : { backlog }),
    lastDeliveredAt: s.last_delivered_at?.toISOString() ?? null,
    lastError: s.last_error,
    lastErrorAt: s.last_error_at?.toISOString() ?? null,
    createdBy: s.created_by,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  };
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw invalidFields(fieldErrors('body', r.error).map((e) => ({ ...e, field: e.field === 'body' ? field : `${field}.${e.field}` })));
  return r.data;
}

function checkSettings(config: Config, kind: Kind, raw: unknown) {
  const settings = parseWith(KINDS[kind].settings, raw, 'settings') as Record<string, unknown>;
  const why = deliveryUrlError(KINDS[kind].urlOf(settings), { allowHttp: config.webhookAllowHttp, allowPrivateAddresses: config.webhookAllowPrivateAddresses });
  if (why) throw invalidFields([{ field: kind === 's3' ? 'settings.endpoint' : 'settings.url', reason: why }]);
  return settings;
}

export interface NewSinkInput { kind: Kind; name: string; settings?: unknown; secrets?: unknown }

export async function createSink(deps: Deps, ctx: RequestContext, input: NewSinkInput) {
  const { actor } = ctx;
  requireOrgPermission(actor, 'integrations:manage');
  const settings = checkSettings(deps.config, input.kind, input.settings);
  const secrets = parseWith(KINDS[input.kind].secrets, input.secrets, 'secrets');
  return deps.db.transaction(async (tx) => {
    if ((await store.listSinks(tx, actor.orgId)).length >= MAX_SINKS) throw refused(`an organization has at most ${MAX_SINKS} audit sinks`);
    const row = await store.insertSink(tx, {
      org_id: actor.orgId, kind: input.kind, name: input.name, settings,
      secrets_sealed: secretBox(deps.config.encryptionKey).seal(JSON.stringify(secrets), PURPOSE), created_by: actor.label,
    });
    const shown = presentSink(row);
    await recordEvent(tx, actor.orgId, ctx, { action: 'audit_sink.created', target: { type: 'audit_sink', id: row.id }, after: shown });
    return shown;
  });
}

export async function listSinksOf(deps: Deps, ctx: RequestContext) {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  return { items: (await store.listSinks(deps.db, ctx.actor.orgId)).map((s) => presentSink(s)) };
}

export async function getSink(deps: Deps, ctx: RequestContext, id: string) {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  const row = await store.findSink(deps.db, ctx.actor.orgId, id);
  if (!row) throw notFound('audit sink');
  return presentSink(row, await store.backlog(deps.db, row.org_id, row.cursor_seq));
}

export interface SinkPatch { name?: string; settings?: unknown; secrets?: unknown; enabled?: boolean }

export async function updateSink(deps: Deps, ctx: RequestContext, id: string, patch: SinkPatch) {
  const { actor } = ctx;
  requireOrgPermission(actor, 'integrations:manage');
  return deps.db.transaction(async (tx) => {
    const before = await store.findSink(tx, actor.orgId, id, true);
    if (!before) throw notFound('audit sink');
    const settings = patch.settings === undefined ? undefined : checkSettings(deps.config, before.kind, patch.settings);
    const secrets = patch.secrets === undefined ? undefined : parseWith(KINDS[before.kind].secrets, patch.secrets, 'secrets');
    const after = await store.updateSink(tx, actor.orgId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(settings ? { settings } : {}),
      ...(secrets ? { secrets_sealed: secretBox(deps.config.encryptionKey).seal(JSON.stringify(secrets), PURPOSE) } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    });
    await recordEvent(tx, actor.orgId, ctx, { action: 'audit_sink.updated', target: { type: 'audit_sink', id }, before: presentSink(before), after: presentSink(after), details: { secretsChanged: secrets !== undefined } });
    return presentSink(after);
  });
}

export async function deleteSink(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const { actor } = ctx;
  requireOrgPermission(actor, 'integrations:manage');
  await deps.db.transaction(async (tx) => {
    const before = await store.findSink(tx, actor.orgId, id, true);
    if (!before) throw notFound('audit sink');
    await store.deleteSink(tx, actor.orgId, id);
    await recordEvent(tx, actor.orgId, ctx, { action: 'audit_sink.deleted', target: { type: 'audit_sink', id }, before: presentSink(before) });
  });
}
