// Branding: the accent colour and logo the sign-in pages show. Owners and admins set them; the logo
// is a PNG, JPEG, GIF or WebP image (checked by its first bytes: no SVG, which can carry script).
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { invalidField } from '../http/errors.ts';
import { requireOrgPermission } from '../orgs/guard.ts';
import * as store from './branding-store.ts';

export const LOGO_LIMIT = 256 * 1024;
const SIGNATURES: [string, (b: Buffer) => boolean][] = [
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a'],
  ['image/webp', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
];

export function presentBranding(orgSlug: string, b: Pick<store.BrandingRow, 'accent_color' | 'logo_type' | 'updated_at'> | undefined) {
  return {
    accentColor: b?.accent_color ?? null,
    logoUrl: b?.logo_type ? `/branding/${encodeURIComponent(orgSlug)}/logo?v=${b.updated_at.getTime()}` : null,
  };
}

export async function getBranding(db: Knex, ctx: RequestContext) {
  return presentBranding(ctx.actor.orgSlug, await store.findBrandingSummary(db, ctx.actor.orgId));
}

export async function updateBranding(db: Knex, ctx: RequestContext, input: { accentColor?: string | null; logo?: string | null }) {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  const patch: Parameters<typeof store.saveBranding>[2] = {};
  if (input.accentColor !== undefined) patch.accent_color = input.accentColor?.toLowerCase() ?? null;
  if (input.logo !== undefined) {
    if (input.logo === null) Object.assign(patch, { logo: null, logo_type: null });
    else {
      const bytes = Buffer.from(input.logo, 'base64');
      if (!bytes.length) throw invalidField('logo', 'must be a base64-encoded image');
      if (bytes.length > LOGO_LIMIT) throw invalidField('logo', `must be at most ${LOGO_LIMIT / 1024} kB`);
      const type = SIGNATURES.find(([, test]) => test(bytes))?.[0];
      if (!type) throw invalidField('logo', 'must be a PNG, JPEG, GIF or WebP image');
      Object.assign(patch, { logo: bytes, logo_type: type });
    }
  }
  return db.transaction(async (tx) => {
    const before = await store.findBranding(tx, ctx.actor.orgId);
    const row = await store.saveBranding(tx, ctx.actor.orgId, patch);
    await recordEvent(tx, ctx.actor.orgId, ctx, {
      action: 'organization.branding_changed', target: { type: 'organization', id: ctx.actor.orgId },
      before: { accentColor: before?.accent_color ?? null, logo: before?.logo_type ?? null }, after: { accentColor: row.accent_color, logo: row.logo_type },
    });
    return presentBranding(ctx.actor.orgSlug, row);
  });
}
