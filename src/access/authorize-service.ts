// Answers permission questions: one check or a batch (`authorize`), and every space with its
// actions (`permissions`), for the caller or for a named subject, with the sources that allowed it.
import type { Knex } from 'knex';
import type { RequestContext } from '../http/actor.ts';
import { invalidField } from '../http/errors.ts';
import { ACCOUNT_MASK, bitOf, namesOf } from './actions.ts';
import type { Reason } from './grants.ts';
import { requireMayInspect } from './guard.ts';
import type { OrgModel } from './model.ts';
import { actorPrincipal, subjectPrincipal, type DescribedPrincipal, type SubjectRef } from './principals.ts';
import { accessResolver } from './resolver.ts';

export interface Check { action: string; spaceId?: string }

function presentReason(model: OrgModel, r: Reason) {
  const s = r.source;
  const common = { role: { id: s.role.id, slug: s.role.slug }, spaceId: model.spaceIds[s.spaceIdx]!, propagation: r.propagation };
  if (s.kind === 'binding') {
    return { source: 'binding' as const, bindingId: s.binding.id, subject: s.binding.subject, ...(s.team !== undefined ? { team: s.team } : {}), ...common };
  }
  if (s.kind === 'organization_role') return { source: 'organization_role' as const, orgRole: s.orgRole, ...common };
  return { source: 'session' as const, ...common };
}

async function resolve(db: Knex, ctx: RequestContext, subject: SubjectRef | undefined) {
  const model = await accessResolver(db).model(ctx.actor.orgId);
  const caller = actorPrincipal(ctx.actor);
  let who: DescribedPrincipal = caller;
  if (subject) {
    requireMayInspect({ model, grants: model.grantsFor(caller.principal) }, ctx);
    who = await subjectPrincipal(db, ctx.actor.orgId, model, subject);
  }
  return { model, who, grants: model.grantsFor(who.principal) };
}

export async function authorize(db: Knex, ctx: RequestContext, input: { subject?: SubjectRef; checks: Check[]; single: boolean }) {
  const { model, who, grants } = await resolve(db, ctx, input.subject);
  const results = input.checks.map((c, i) => {
    const spaceId = c.spaceId ?? 'root';
    const idx = model.index.get(spaceId);
    if (idx === undefined) throw invalidField(input.single ? 'spaceId' : `checks.${i}.spaceId`, 'no such space');
    // Account actions are held in root and checked there, whichever space is named (domain §4).
    const at = bitOf(c.action) & ACCOUNT_MASK ? model.root : idx;
    const allowed = (grants.maskAt(at) & bitOf(c.action)) !== 0;
    return { action: c.action, spaceId, allowed, reasons: allowed ? grants.explain(at, c.action).map((r) => presentReason(model, r)) : [] };
  });
  return input.single ? { subject: who.subject, ...results[0]! } : { subject: who.subject, results };
}

export async function permissions(db: Knex, ctx: RequestContext, subject: SubjectRef | undefined) {
  const { model, who, grants } = await resolve(db, ctx, subject);
  const spaces: { spaceId: string; actions: string[] }[] = [];
  for (let i = 0; i < model.spaceIds.length; i++) {
    const mask = grants.maskAt(i);
    if (mask) spaces.push({ spaceId: model.spaceIds[i]!, actions: namesOf(mask) });
  }
  spaces.sort((a, b) => (a.spaceId < b.spaceId ? -1 : 1));
  return { subject: who.subject, spaces };
}
