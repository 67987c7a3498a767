// Opens a session for a person straight through the sessions service (what a completed sign-in does),
// so session behaviour can be tested without an identity provider.
import { openSession, signSessionToken } from '../../src/sessions/service.ts';
import type { TestServer } from '../helpers/server.ts';

export async function openTestSession(server: TestServer, orgId: string, userId: string, extra: { idpTeams?: string[]; admin?: boolean } = {}) {
  const { session, refreshToken } = await server.deps.db.transaction((tx) =>
    openSession(tx, server.deps, {
      orgId, userId, connectionId: null, idpTeams: extra.idpTeams ?? [], policyTeams: null, policyRoles: null,
      admin: extra.admin ?? false, teamsSource: 'assertion', ip: '127.0.0.1', userAgent: 'test',
    }, {
      ctx: { actor: { type: 'user', orgId, orgSlug: '', role: 'member', userId, apiKeyId: null, sessionId: null, teams: [], label: 'test', bootstrap: false }, ip: '127.0.0.1', requestId: null },
      after: { userId }, details: { via: 'test' },
    }),
  );
  return signSessionToken(server.deps, session.id, refreshToken);
}
