// SQL for invitations. Every query is scoped by organization. "expired" is not stored: it is a
// pending invitation past its expiry, so it needs no job to flip it and is exact to the second.
// Delivery is not stored either: it is read from the outbox row of the latest send request, the one
// place the mail worker records it.
import type { Knex } from 'knex';
import type { OrgRole } from '../orgs/roles.ts';

export type StoredState = 'queued' | 'pending' | 'accepted' | 'revoked';
export type InvitationState = StoredState | 'expired';
export type Delivery = 'queued' | 'sending' | 'sent' | 'failed';

export interface Binding {
  roleId: string;
  spaceId: string;
}

export interface InvitationRow {
  id: string;
  org_id: string;
  email: string;
  role: OrgRole;
  bindings: Binding[];
  state: StoredState;
  expires_at: Date | null;
  expiry_days: number;
  invited_by: string;
  inviter_name: string;
  outbox_id: string | null;
  accepted_at: Date | null;
  accepted_user_id: string | null;
  revoked_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = [
  'id', 'org_id', 'email', 'role', 'bindings', 'state', 'expires_at', 'expiry_days', 'invited_by', 'inviter_name',
  'outbox_id', 'accepted_at', 'accepted_user_id', 'revoked_at', 'created_at', 'updated_at',
];

/** An invitation with the delivery of its latest mail, as the API shows it. */
export interface PresentableRow extends InvitationRow {
  delivery: Delivery | null;
  delivery_error: string | null;
  sent_at: Date | null;
}

// The outbox statuses as delivery states; a cancelled request (superseded) shows no delivery.
const DELIVERY = `case o.status when 'pending' then 'queued' when 'sending' then 'sending' when 'sent' then 'sent' when 'failed' then 'failed' end`;

function withDelivery(q: Knex | Knex.Transaction, orgId: string) {
  return q('invitations as i')
    .leftJoin('mail_outbox as o', (j) => j.on('o.id', 'i.outbox_id').andOn('o.org_id', 'i.org_id'))
    .select(
      ...COLUMNS.map((c) => `i.${c}`),
      q.raw(`${DELIVERY} as delivery`),
      q.raw(`case when o.status in ('pending', 'sending', 'failed') then o.last_error end as delivery_error`),
      q.raw(`case when o.status = 'sent' then o.finished_at end as sent_at`),
    )
    .where('i.org_id', orgId);
}

/** These invitations as the API shows them, in no particular order. */
export async function findPresentable(q: Knex | Knex.Transaction, orgId: string, ids: string[]): Promise<PresentableRow[]> {
  if (!ids.length) return [];
  return withDelivery(q, orgId).whereIn('i.id', ids) as Promise<PresentableRow[]>;
}

export type NewInvitation = Pick<InvitationRow, 'org_id' | 'email' | 'role' | 'bindings' | 'state' | 'expiry_days' | 'invited_by' | 'inviter_name'>;

export interface OrgForInvitation {
  management_strategy: 'user_management' | 'login_policy';
  name: string;
}

/**
 * The organization, share-locked: a strategy switch (which locks it for update) waits for the
 * invitations being made, so none is left queued after the switch sent the queued ones.
 */
export async function shareLockOrg(tx: Knex.Transaction, orgId: string): Promise<OrgForInvitation | undefined> {
  return tx<OrgForInvitation>('organizations').select('management_strategy', 'name').where('id', orgId).forShare().first();
}

/** Inserts; an address that already has an open invitation (a concurrent request) is skipped. */
export async function insertInvitations(tx: Knex.Transaction, rows: NewInvitation[]): Promise<InvitationRow[]> {
  if (!rows.length) return [];
  return tx('invitations')
    .insert(rows.map((r) => ({ ...r, bindings: JSON.stringify(r.bindings) })))
    .onConflict(tx.raw(`(org_id, email) where state in ('queued', 'pending')`))
    .ignore()
    .returning(COLUMNS);
}

/** Open invitations (queued or pending, expired included) to any of these addresses, locked. */
export async function lockOpenByEmails(tx: Knex.Transaction, orgId: string, emails: string[]): Promise<InvitationRow[]> {
  if (!emails.length) return [];
  return tx('invitations')
    .select(COLUMNS)
    .where('org_id', orgId)
    .whereIn('state', ['queued', 'pending'])
    .whereIn('email', emails) // citext: the parameters compare case-insensitively
    .forUpdate() as Promise<InvitationRow[]>;
}

export async function lockInvitation(tx: Knex.Transaction, orgId: string, id: string): Promise<InvitationRow | undefined> {
  return tx<InvitationRow>('invitations').where({ org_id: orgId, id }).forUpdate().first(COLUMNS) as Promise<InvitationRow | undefined>;
}

export async function findInvitation(q: Knex | Knex.Transaction, orgId: string, id: string): Promise<PresentableRow | undefined> {
  return withDelivery(q, orgId).where('i.id', id).first() as Promise<PresentableRow | undefined>;
}

/** The invitation a link secret opens, with its organization's slug and name. Unscoped: the link decides the organization. */
export async function findByTokenHash(q: Knex | Knex.Transaction, hash: Buffer): Promise<(InvitationRow & { org_slug: string; org_name: string }) | undefined> {
  return q('invitations as i')
    .join('organizations as o', 'o.id', 'i.org_id')
    .select(...COLUMNS.map((c) => `i.${c}`), 'o.slug as org_slug', 'o.name as org_name')
    .where('i.token_hash', hash)
    .first();
}

export async function lockByTokenHash(tx: Knex.Transaction, orgId: string, hash: Buffer): Promise<InvitationRow | undefined> {
  return tx('invitations').where({ org_id: orgId, token_hash: hash }).forUpdate().first(COLUMNS) as Promise<InvitationRow | undefined>;
}

/** The live invitation to an address (pending, not expired), locked. */
export async function lockLiveByEmail(tx: Knex.Transaction, orgId: string, email: string): Promise<InvitationRow | undefined> {
  return tx<InvitationRow>('invitations')
    .where({ org_id: orgId, state: 'pending' })
    .whereRaw('email = ?::citext', [email])
    .where('expires_at', '>', tx.fn.now())
    .forUpdate()
    .first(COLUMNS) as Promise<InvitationRow | undefined>;
}

/** Whether an address has a live invitation (a cheap unlocked look; acceptance re-reads it locked). */
export async function hasLiveByEmail(q: Knex, orgId: string, email: string): Promise<boolean> {
  const { rows } = await q.raw(
    `select exists(select 1 from invitations where org_id = ? and state = 'pending' and email = ?::citext and expires_at > now()) as live`,
    [orgId, email],
  );
  return rows[0].live === true;
}

export async function lockQueued(tx: Knex.Transaction, orgId: string): Promise<InvitationRow[]> {
  return tx('invitations').select(COLUMNS).where({ org_id: orgId, state: 'queued' }).orderBy('created_at').forUpdate() as Promise<InvitationRow[]>;
}

export async function countQueued(q: Knex, orgId: string): Promise<number> {
  const [row] = await q('invitations').where({ org_id: orgId, state: 'queued' }).count<{ count: number }[]>('* as count');
  return Number(row?.count ?? 0);
}

export async function updateInvitation(
  tx: Knex.Transaction,
  orgId: string,
  id: string,
  patch: Partial<Omit<InvitationRow, 'id' | 'org_id' | 'created_at' | 'updated_at'>> & { token_hash?: Buffer | null },
): Promise<InvitationRow> {
  const { bindings, ...rest } = patch;
  const [row] = await tx('invitations')
    .where({ org_id: orgId, id })
    .update({ ...rest, ...(bindings ? { bindings: JSON.stringify(bindings) } : {}), updated_at: tx.fn.now() })
    .returning(COLUMNS);
  return row as InvitationRow;
}

/**
 * Links many invitations to their new send request and link secret in one statement; the expiry
 * starts now (renewed with `expiryDays` when given, as a resend does).
 */
export async function issueMany(tx: Knex.Transaction, orgId: string, rows: { id: string; tokenHash: Buffer; outboxId: string }[], expiryDays: number | null): Promise<InvitationRow[]> {
  if (!rows.length) return [];
  const values = rows.map(() => '(?::uuid, ?::bytea, ?::uuid)').join(', ');
  const { rows: updated } = await tx.raw(
    `update invitations i set state = 'pending', token_hash = v.token_hash, outbox_id = v.outbox_id,
            expiry_days = coalesce(?::double precision, i.expiry_days),
            expires_at = now() + coalesce(?::double precision, i.expiry_days) * interval '1 day',
            updated_at = now()
       from (values ${values}) as v(id, token_hash, outbox_id)
      where i.org_id = ? and i.id = v.id
      returning ${COLUMNS.map((c) => `i.${c}`).join(', ')}`,
    [expiryDays, expiryDays, ...rows.flatMap((r) => [r.id, r.tokenHash, r.outboxId]), orgId],
  );
  return updated as InvitationRow[];
}

/** Members of the organization with any of these addresses (as email or userName). */
export async function memberEmails(q: Knex | Knex.Transaction, orgId: string, emails: string[]): Promise<Set<string>> {
  if (!emails.length) return new Set();
  const rows: { email: string | null; user_name: string }[] = await q('users')
    .select('email', 'user_name')
    .where('org_id', orgId)
    .where((w) => w.whereIn('email', emails).orWhereIn('user_name', emails)); // citext: case-insensitive
  return new Set(rows.flatMap((r) => [r.email, r.user_name]).filter((e): e is string => !!e).map((e) => e.toLowerCase()));
}

export interface InvitationFilter {
  states: InvitationState[];
  email?: string;
  delivery?: Delivery;
  role?: OrgRole;
  /** Keyset cursor: the id of the last invitation of the previous page. */
  after?: string;
}

export async function listInvitations(q: Knex, orgId: string, f: InvitationFilter, limit: number): Promise<PresentableRow[]> {
  const query = withDelivery(q, orgId)
    .orderBy([{ column: 'i.created_at', order: 'desc' }, { column: 'i.id', order: 'desc' }])
    .limit(limit);
  query.where((w) => {
    for (const s of f.states) {
      if (s === 'expired') w.orWhere((x) => x.where('i.state', 'pending').where('i.expires_at', '<=', q.fn.now()));
      else if (s === 'pending') w.orWhere((x) => x.where('i.state', 'pending').where('i.expires_at', '>', q.fn.now()));
      else w.orWhere('i.state', s);
    }
  });
  if (f.email) query.whereRaw('i.email like ?', [f.email.replace(/[%_\\]/g, '\\$&') + '%']);
  if (f.delivery) query.whereRaw(`${DELIVERY} = ?`, [f.delivery]);
  if (f.role) query.where('i.role', f.role);
  // Compared in SQL: created_at has microseconds a JS Date would lose (a batch shares one timestamp).
  if (f.after) query.whereRaw('(i.created_at, i.id) < (select c.created_at, c.id from invitations c where c.org_id = ? and c.id = ?)', [orgId, f.after]);
  return query as Promise<PresentableRow[]>;
}

/** The invitations some send requests are for, with their organization's name; one query for many. */
export async function findForMail(q: Knex | Knex.Transaction, refs: { orgId: string; id: string }[]): Promise<(InvitationRow & { org_name: string })[]> {
  return q('invitations as i')
    .join('organizations as o', 'o.id', 'i.org_id')
    .select(...COLUMNS.map((c) => `i.${c}`), 'o.name as org_name')
    .whereIn(['i.org_id', 'i.id'], refs.map((r) => [r.orgId, r.id]));
}

export interface PersonRow {
  id: string;
  user_name: string;
  email: string | null;
  display_name: string | null;
  role: OrgRole;
}

export async function findPerson(q: Knex | Knex.Transaction, orgId: string, userId: string): Promise<PersonRow | undefined> {
  return q('users').select('id', 'user_name', 'email', 'display_name', 'role').where({ org_id: orgId, id: userId }).first() as Promise<PersonRow | undefined>;
}
