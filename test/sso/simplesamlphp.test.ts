// SimpleSAMLphp (Debian's package, under php -S) as a second, independent SAML IdP: real sign-ins
// through its login form against Gatehouse's SP-initiated flow, replay and IdP-initiated refusal.
// Skipped when it is not installed, unless GATEHOUSE_REQUIRE_SIMPLESAMLPHP=1 (as .ci/run sets).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { signInAtSsp, SspLoginRefused } from '../peers/simplesamlphp-login.ts';
import { isSimpleSamlPhpInstalled, startSimpleSamlPhp, type SimpleSamlPhp } from '../peers/simplesamlphp.ts';
import { postAcs } from './saml-support.ts';
import { auditOf, startLogin } from './sso-helpers.ts';

const installed = isSimpleSamlPhpInstalled();
const required = process.env.GATEHOUSE_REQUIRE_SIMPLESAMLPHP === '1';
const INSTALL = 'apt-get install --no-install-recommends simplesamlphp php-cli php-xml php-mbstring, as .ci/run does';
const skip = !installed && !required ? `SimpleSAMLphp is not installed: ${INSTALL}` : false;

const ALICE = { username: 'alice', password: 'alice-pass' };

describe('SimpleSAMLphp as the IdP', { skip }, () => {
  let server: TestServer;
  let org: Awaited<ReturnType<typeof createOrg>>;
  let ssp: SimpleSamlPhp;
  let conn: { id: string; loginUrl: string; saml: { acsUrl: string; spEntityId: string } };

  before(async () => {
    if (!installed) throw new Error(`GATEHOUSE_REQUIRE_SIMPLESAMLPHP=1 but SimpleSAMLphp or php is missing: ${INSTALL}`);
    [server, ssp] = await Promise.all([startTestServer({ logLevel: process.env.TEST_LOG ?? 'silent' }), startSimpleSamlPhp()]);
    org = await createOrg(server);
    // The connection comes first (from SSP's metadata); its SP entity id and ACS URL then go to SSP.
    const res = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/sso-connections`).send({
      name: 'SimpleSAMLphp', protocol: 'saml', emailDomains: ['example.test'],
      saml: { metadataXml: ssp.metadataXml, wantResponseSigned: true, attributes: { name: 'displayName' } },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    conn = res.body;
    ssp.addServiceProvider(conn.saml.spEntityId, conn.saml.acsUrl);
  });
  after(async () => {
    await Promise.all([ssp?.close(), server?.close()]);
  });

  async function signInSpInitiated(user = ALICE, returnTo?: string) {
    const start = await startLogin(server, org.slug, { connection: conn.id, ...(returnTo ? { return_to: returnTo } : {}) });
    assert.equal(start.status, 302, JSON.stringify(start.body));
    assert.ok(start.location!.startsWith(`${ssp.baseUrl}/saml2/idp/SSOService.php?SAMLRequest=`), start.location);
    return signInAtSsp(start.location!, user);
  }

  const post = (back: { action: string; SAMLResponse: string; RelayState: string | undefined }) =>
    postAcs({ server }, back.action, { SAMLResponse: back.SAMLResponse, ...(back.RelayState ? { RelayState: back.RelayState } : {}) });

  test('a provisioned member signs in SP-initiated through the login form; SSP\'s groups become teams', async () => {
    const alice = await addPerson(server, org, 'member', 'alice@example.test');
    const back = await signInSpInitiated(ALICE, '/projects/7');
    assert.equal(back.action, conn.saml.acsUrl, 'SSP posts to the ACS registered for our SP');
    const res = await post(back);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.returnTo, '/projects/7');
    const me = await server.as(res.body.token).get('/v1/me');
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.user.id, alice.userId);
    assert.equal(me.body.user.email, 'alice@example.test');
    assert.equal(me.body.user.name, 'Alice Example', 'displayName, mapped by the connection');
    assert.deepEqual([...me.body.teams].sort(), ['eng', 'ops']);
  });

  test('the same SAMLResponse posted twice is refused the second time', async () => {
    const back = await signInSpInitiated();
    assert.equal((await post(back)).status, 200);
    const again = await post(back);
    assert.equal(again.status, 400, JSON.stringify(again.body));
    assert.equal(again.body.reason, 'assertion_replayed');
  });

  test('a wrong password stops at SSP\'s form and never yields a response', async () => {
    await assert.rejects(signInSpInitiated({ username: 'bob', password: 'not-bobs' }), SspLoginRefused);
  });

  test('IdP-initiated (no InResponseTo) is redirected into SP-initiated sign-in by default', async () => {
    const back = await signInAtSsp(ssp.idpInitiatedUrl(conn.saml.spEntityId, '/app'), ALICE);
    assert.equal(back.RelayState, '/app');
    assert.doesNotMatch(Buffer.from(back.SAMLResponse, 'base64').toString(), /InResponseTo=/);
    const res = await post(back);
    assert.equal(res.status, 303, JSON.stringify(res.body));
    assert.equal(res.headers.location, `${conn.loginUrl}&return_to=%2Fapp`);
    assert.ok((await auditOf(server, org, 'sign_in.refused')).some((e) => e.details.reason === 'idp_initiated_refused'));
  });
});
