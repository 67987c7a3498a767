// First start: the `default` organization and its owner key. Idempotent: restarts (and several
// instances starting together) never create a second organization or a duplicate key.
import type { Knex } from 'knex';
import { insertKeyAudited } from '../api-keys/service.ts';
import { createOrgWithOwnerKey } from './service.ts';
import { findOrgBySlug } from './store.ts';

export const DEFAULT_ORG_SLUG = 'default';

export type BootstrapResult =
  | { created: true; orgSlug: string; ownerKey: string; keyFromEnv: boolean }
  | { created: false; orgSlug: string };

export async function bootstrap(db: Knex, bootstrapToken: string | null): Promise<BootstrapResult> {
  return db.transaction(async (tx) => {
    const created = await createOrgWithOwnerKey(
      tx,
      null,
      { slug: DEFAULT_ORG_SLUG, name: 'Default organization', managementStrategy: 'user_management' },
      bootstrapToken ?? undefined,
    );
    if (created) return { created: true, orgSlug: DEFAULT_ORG_SLUG, ownerKey: created.ownerApiKey.secret, keyFromEnv: bootstrapToken !== null };
    if (bootstrapToken) {
      // BOOTSTRAP_TOKEN was set or changed after the first start: make sure it is a live owner key.
      const org = (await findOrgBySlug(tx, DEFAULT_ORG_SLUG))!;
      await insertKeyAudited(tx, org.id, null, { name: 'bootstrap key', kind: 'service', role: 'owner' }, bootstrapToken);
    }
    return { created: false, orgSlug: DEFAULT_ORG_SLUG };
  });
}
