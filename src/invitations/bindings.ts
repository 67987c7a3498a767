// Space role bindings an invitation grants on acceptance, stored as data ({ roleId, spaceId }).
import type { Knex } from 'knex';
import type { Binding } from './store.ts';

/**
 * Checks that each binding names an existing role and space of the organization.
 * TODO(access): validate against src/access (spaces and roles) once it lands, answering 400 with
 * the field `bindings.<i>.roleId` / `bindings.<i>.spaceId`; until then only the shape is checked
 * (by the route's schema) and the bindings are kept as given.
 */
export async function checkBindings(_db: Knex, _orgId: string, _bindings: Binding[]): Promise<void> {}

/**
 * Creates the invitation's bindings for the new member, in the acceptance transaction.
 * TODO(access): create them through the access service once it lands; until then they are
 * returned to the sign-in flow by acceptInvitation and kept on the invitation.
 */
export async function grantBindings(_tx: Knex.Transaction, _orgId: string, _userId: string, _bindings: Binding[]): Promise<void> {}
