// SQL for an organization's branding (one row per organization, absent until set).
import type { Knex } from 'knex';

export interface BrandingRow {
  org_id: string;
  accent_color: string | null;
  logo: Buffer | null;
  logo_type: string | null;
  updated_at: Date;
}

export async function findBranding(q: Knex | Knex.Transaction, orgId: string): Promise<BrandingRow | undefined> {
  return q<BrandingRow>('org_branding').where({ org_id: orgId }).first();
}

/** The branding without the logo's bytes (pages only need to know there is one). */
export async function findBrandingSummary(q: Knex, orgId: string): Promise<Pick<BrandingRow, 'accent_color' | 'logo_type' | 'updated_at'> | undefined> {
  return q('org_branding').where({ org_id: orgId }).first('accent_color', 'logo_type', 'updated_at');
}

export async function saveBranding(tx: Knex.Transaction, orgId: string, patch: Partial<Pick<BrandingRow, 'accent_color' | 'logo' | 'logo_type'>>): Promise<BrandingRow> {
  const [row] = await tx('org_branding').insert({ org_id: orgId, ...patch, updated_at: tx.fn.now() })
    .onConflict('org_id').merge({ ...patch, updated_at: tx.fn.now() }).returning('*');
  return row as BrandingRow;
}
