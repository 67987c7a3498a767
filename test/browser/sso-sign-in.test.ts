// Single sign-on in Chromium: an owner creates a SAML connection from the IdP's metadata in the
// console; a person provisioned over SCIM signs in to the console through the hosted pages and the
// test IdP, and lands in "My account"; someone unprovisioned gets the refusal page; an invitation
// opens its landing page; signing out ends on the signed-out page. Branded pages, axe-clean.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { skipWithoutChromium } from '../helpers/browser.ts';
import { openLinkSecret } from '../../src/invitations/issue.ts';
import { secretBox } from '../../src/sessions/secret-box.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startBrowserIdp, type BrowserIdp } from '../peers/saml-browser-idp.ts';
import { browserServerConfig, launchBrowser, openConsole, signInWithKey, type ConsolePage } from './harness.ts';

describe('single sign-on into the console and the hosted pages', { skip: skipWithoutChromium }, () => {
  let server: TestServer;
  let browser: Browser;
  let idp: BrowserIdp;
  let admin: ConsolePage;

  before(async () => {
    // No mail worker: the invitation's link stays in the outbox, where this test reads it.
    [server, browser, idp] = await Promise.all([startTestServer({ mailWorker: false, ...(await browserServerConfig()) }), launchBrowser(), startBrowserIdp()]);
    admin = await openConsole(browser, server.url);
  });
  after(async () => {
    await admin?.close();
    await browser?.close();
    await Promise.all([server?.close(), idp?.close()]);
  });

  /** Signs in at the test IdP's form (its pages are not ours: no checks there). */
  async function atIdp(c: ConsolePage, email: string, name = '', groups = '') {
    await c.page.waitForURL(`${idp.url}/sso**`);
    await c.page.getByLabel('Email', { exact: true }).fill(email);
    if (name) await c.page.getByLabel('Name', { exact: true }).fill(name);
    if (groups) await c.page.getByLabel('Groups (comma-separated)').fill(groups);
    await c.page.getByRole('button', { name: 'Sign in' }).click();
    await c.page.waitForURL((u) => !u.href.startsWith(idp.url));
  }

  test('an owner creates a SAML connection from metadata and brands the sign-in pages', async () => {
    await signInWithKey(admin, server.ownerKey);
    await admin.page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'SSO connections', exact: true }).click();
    await admin.page.getByRole('link', { name: '+ New connection' }).click();
    await admin.page.getByLabel('Name', { exact: true }).fill('Test IdP');
    await admin.page.getByLabel('Metadata XML', { exact: true }).fill(idp.metadataXml);
    await admin.page.getByLabel('Email domains', { exact: true }).fill('example.test');
    await admin.page.getByRole('button', { name: 'Create connection' }).click();
    await admin.page.getByRole('heading', { name: 'Test IdP' }).waitFor();
    const acs = await admin.page.getByLabel('ACS URL (Single sign-on URL, Reply URL)', { exact: true }).inputValue();
    assert.match(acs, new RegExp(`^${server.url}/sso/default/saml/[0-9a-f-]{36}/acs$`));
    assert.match(await admin.page.getByRole('region', { name: 'Identity provider', exact: true }).innerText(), new RegExp(idp.entityId));
    await admin.check('sso-connection');

    await admin.page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings', exact: true }).click();
    await admin.page.getByLabel('Accent colour').fill('#0f7b6c');
    await admin.page.getByRole('button', { name: 'Save branding' }).click();
    await admin.page.getByText('Branding saved').waitFor();
    assert.equal((await server.as(server.ownerKey).get('/v1/orgs/default/branding')).body.accentColor, '#0f7b6c');
  });

  test('a person provisioned by SCIM signs in to the console through the hosted page and the IdP', async () => {
    const token = await server.as(server.ownerKey).post('/v1/orgs/default/scim-tokens').send({ name: 'test' });
    const scim = await fetch(`${server.url}/scim/v2/Users`, {
      method: 'POST', headers: { Authorization: `Bearer ${token.body.secret}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'mia@example.test', name: { formatted: 'Mia Member' }, displayName: 'Mia Member', emails: [{ value: 'mia@example.test', primary: true }], active: true }),
    });
    assert.equal(scim.status, 201, await scim.text());

    const mia = await openConsole(browser, server.url);
    try {
      await mia.page.goto('/');
      await mia.page.getByLabel('Work email').fill('mia@example.test');
      await mia.page.getByRole('button', { name: 'Continue with single sign-on' }).click();
      await atIdp(mia, 'mia@example.test', 'Mia Member', 'eng');
      await mia.page.getByRole('heading', { name: 'My account' }).waitFor();
      assert.match(await mia.page.getByRole('region', { name: 'Profile' }).innerText(), /mia@example\.test/);
      assert.equal(await mia.page.getByRole('link', { name: 'People' }).count(), 0, 'a member sees only My account');
      await mia.check('my-account-sso');

      await mia.page.getByRole('button', { name: 'Sign out' }).click();
      await mia.page.waitForURL('**/sso/default/signed-out');
      await mia.page.getByRole('heading', { name: 'You are signed out' }).waitFor();
      await mia.check('signed-out');
      const sessions = await server.deps.db('sessions').join('users', 'users.id', 'sessions.user_id').where('users.user_name', 'mia@example.test').select('sessions.ended_at');
      assert.ok(sessions.length === 1 && sessions[0]!.ended_at, 'signing out ended the sign-in session');
      assert.deepEqual(mia.errors, []);
    } finally {
      await mia.close();
    }
  });

  test('the hosted sign-in page: one connection\'s button, and a refusal that says what to do', async () => {
    const stranger = await openConsole(browser, server.url);
    try {
      await stranger.page.goto('/sso/default/login');
      await stranger.page.getByRole('link', { name: 'Continue with Test IdP' }).waitFor();
      assert.match(await stranger.page.locator('header.org').innerText(), /Default organization/);
      await stranger.check('sign-in-page');
      await stranger.page.getByRole('link', { name: 'Continue with Test IdP' }).click();
      await atIdp(stranger, 'stranger@example.test');
      await stranger.page.getByRole('heading', { name: 'You do not have access yet' }).waitFor();
      const text = await stranger.page.locator('main').innerText();
      assert.match(text, /Reason: not_admitted/);
      assert.match(text, /Request: \S+/);
      assert.match(text, /Ask an administrator to invite you/);
      await stranger.check('sign-in-refused-page');
      assert.deepEqual(stranger.errors, []);
    } finally {
      await stranger.close();
    }
  });

  test('an invitation link opens its landing page: who invited, to what, as which role', async () => {
    const sent = await server.as(server.ownerKey).post('/v1/orgs/default/invitations').send({ emails: 'newbie@example.test', role: 'viewer' });
    const invitationId = sent.body.results[0].invitation.id;
    const row = await server.deps.db('mail_outbox').where({ subject_id: invitationId }).first('payload');
    const link = `/invite/${openLinkSecret(secretBox(server.deps.config.encryptionKey), invitationId, row.payload)}`;
    const guest = await openConsole(browser, server.url);
    try {
      await guest.page.goto(link);
      await guest.page.getByRole('heading', { name: 'You are invited to Default organization' }).waitFor();
      const text = await guest.page.locator('main').innerText();
      assert.match(text, /invited you to join Default organization as a viewer/);
      assert.match(text, /newbie@example\.test/);
      await guest.check('invitation-landing');
      await guest.page.getByRole('link', { name: 'Continue with Test IdP' }).click();
      await atIdp(guest, 'newbie@example.test', 'New Bie');
      await guest.page.waitForURL(`${server.url}/**`);
      const invitation = (await server.as(server.ownerKey).get(`/v1/orgs/default/invitations/${invitationId}`)).body;
      assert.equal(invitation.state, 'accepted');
      assert.deepEqual(guest.errors, []);
    } finally {
      await guest.close();
    }
    assert.deepEqual(admin.errors, []);
  });
});
