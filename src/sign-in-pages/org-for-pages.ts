// The organization as its sign-in pages show it: name, slug, and branding (without the logo's bytes).
import type { Knex } from 'knex';
import { findOrgBySlug } from '../orgs/store.ts';
import { findBrandingSummary } from './branding-store.ts';
import { presentBranding } from './branding-service.ts';
import type { PageOrg } from './html.ts';

export async function orgForPages(db: Knex, slug: string): Promise<(PageOrg & { id: string }) | null> {
  const org = /^[a-z0-9][a-z0-9-]{0,62}$/i.test(slug) ? await findOrgBySlug(db, slug) : undefined;
  if (!org) return null;
  const branding = await findBrandingSummary(db, org.id);
  return { id: org.id, slug: org.slug, name: org.name, logoUrl: presentBranding(org.slug, branding).logoUrl, brandingVersion: branding?.updated_at.getTime() ?? 0 };
}
