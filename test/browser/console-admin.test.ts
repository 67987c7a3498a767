// The console's admin flows in Chromium, as a first-run owner does them: sign in with the printed
// owner key; invite (chips, one removed, one invalid; per-address results), resend and delete;
// change a role, with the last-owner refusal explained; a SCIM token read back once; the other
// screens visited and checked (axe-core, screenshots, no browser error).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { skipWithoutChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openConsole, signInWithKey, type ConsolePage } from './harness.ts';

describe('the console, as a first-run owner', { skip: skipWithoutChromium }, () => {
  let server: TestServer;
  let browser: Browser;
  let c: ConsolePage;
  const nav = (name: string) => c.page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true }).click();

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    c = await openConsole(browser, server.url);
  });
  after(async () => {
    await c?.close();
    await browser?.close();
    await server?.close();
  });

  test('sign in with the owner key', async () => {
    await c.page.goto('/');
    await c.page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    await c.check('sign-in');
    await c.page.getByLabel('API key', { exact: true }).fill('ghk_wrong-wrong-wrong-wrong-wrong-wrong-000');
    await c.page.getByRole('button', { name: 'Sign in with API key' }).click();
    await c.page.getByText('is not a live API key').waitFor();
    await c.check('sign-in-refused');
    await signInWithKey(c, server.ownerKey);
    await c.page.getByRole('heading', { name: 'People' }).waitFor();
    assert.equal(await c.page.evaluate(() => document.cookie), '', 'the session cookie is HttpOnly; nothing readable is stored');
    assert.equal(await c.page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)), '{}{}');
    await c.check('people-empty');
  });

  test('invite three addresses, one invalid, after removing a chip; see each result', async () => {
    await c.page.getByRole('link', { name: '+ Invite people' }).click();
    await c.page.getByRole('heading', { name: 'Invite team members' }).waitFor();
    const input = c.page.getByLabel('Email addresses');
    await input.fill('ann@example.com, bob@example.com carol@example.com');
    await input.press('Enter');
    await input.fill('not-an-address');
    await input.press('Enter');
    assert.equal(await c.page.getByTestId('chip').count(), 4);
    await c.page.getByRole('button', { name: 'Remove carol@example.com' }).click();
    assert.equal(await c.page.getByTestId('chip').count(), 3);
    await c.check('invite-chips');
    await c.page.getByRole('button', { name: /^Send 3 invitations/ }).click();
    const results = c.page.getByTestId('invite-results');
    await results.waitFor();
    const text = await results.innerText();
    assert.match(text, /Invited\s+ann@example\.com/);
    assert.match(text, /Invited\s+bob@example\.com/);
    assert.match(text, /Invalid address\s+not-an-address — is not a valid email address/);
    assert.doesNotMatch(text, /carol/);
    await c.check('invite-results');
    const listed = await server.as(server.ownerKey).get('/v1/orgs/default/invitations');
    assert.deepEqual(listed.body.items.map((i: { email: string }) => i.email).sort(), ['ann@example.com', 'bob@example.com']);
  });

  test('resend and delete from the invitations list', async () => {
    await nav('Invitations');
    const ann = c.page.getByTestId('invitation-row').filter({ hasText: 'ann@example.com' });
    await ann.waitFor();
    const before = (await server.as(server.ownerKey).get('/v1/orgs/default/invitations')).body.items.find((i: { email: string }) => i.email === 'ann@example.com');
    await ann.getByRole('button', { name: 'Actions' }).click();
    await c.page.getByRole('menuitem', { name: 'Resend' }).click();
    await c.page.getByText('Resent to ann@example.com').waitFor();
    const resent = (await server.as(server.ownerKey).get(`/v1/orgs/default/invitations/${before.id}`)).body;
    assert.ok(Date.parse(resent.expiresAt) >= Date.parse(before.expiresAt));
    const audit = await server.as(server.ownerKey).get(`/v1/orgs/default/audit-events?action=invitation.resent&target=${before.id}`);
    assert.equal(audit.body.items.length, 1);

    const bob = c.page.getByTestId('invitation-row').filter({ hasText: 'bob@example.com' });
    await bob.getByRole('button', { name: 'Actions' }).click();
    await c.page.getByRole('menuitem', { name: 'Delete' }).click();
    await c.page.getByRole('dialog').waitFor();
    await c.check('invitation-delete-dialog');
    await c.page.getByRole('button', { name: 'Yes, delete' }).click();
    await bob.waitFor({ state: 'detached' });
    const bobNow = (await server.as(server.ownerKey).get('/v1/orgs/default/invitations?state=revoked')).body.items;
    assert.deepEqual(bobNow.map((i: { email: string }) => i.email), ['bob@example.com']);
    await c.check('invitations');
  });

  test('change a role; the last owner cannot be downgraded, and the dialog says why', async () => {
    const owner = await server.as(server.ownerKey).post('/v1/orgs/default/members').send({ email: 'olivia@example.com', name: 'Olivia Owner', role: 'owner' });
    const viewer = await server.as(server.ownerKey).post('/v1/orgs/default/members').send({ email: 'victor@example.com', name: 'Victor Viewer', role: 'viewer' });
    await nav('People');
    await c.page.getByRole('link', { name: 'Victor Viewer' }).waitFor();
    await c.check('people');

    const victorRow = c.page.getByRole('row').filter({ hasText: 'Victor Viewer' });
    await victorRow.getByRole('button', { name: 'Actions' }).click();
    await c.page.getByRole('menuitem', { name: 'Change Role' }).click();
    await c.page.getByLabel('Organization role').selectOption('admin');
    await c.page.getByRole('button', { name: 'Update' }).click();
    await c.page.getByText('Victor Viewer is now Admin').waitFor();
    await c.page.getByRole('button', { name: 'Close' }).click();
    assert.equal((await server.as(server.ownerKey).get(`/v1/orgs/default/members/${viewer.body.id}`)).body.role, 'admin');

    await c.page.getByRole('link', { name: 'Olivia Owner' }).click();
    await c.page.getByRole('heading', { name: 'Olivia Owner' }).waitFor();
    await c.page.getByRole('button', { name: 'Actions' }).click();
    await c.page.getByRole('menuitem', { name: 'Change Role' }).click();
    await c.page.getByLabel('Organization role').selectOption('admin');
    await c.page.getByRole('button', { name: 'Update' }).click();
    const refusal = c.page.getByRole('dialog').getByText('the last owner cannot be downgraded');
    await refusal.waitFor();
    assert.match(await c.page.getByRole('dialog').innerText(), /make another member owner/);
    await c.check('change-role-last-owner');
    await c.page.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await server.as(server.ownerKey).get(`/v1/orgs/default/members/${owner.body.id}`)).body.role, 'owner');
    await c.check('person');
  });

  test('create a SCIM token: it is shown once, works, and is not shown again', async () => {
    await nav('SCIM provisioning');
    await c.page.getByRole('heading', { name: 'SCIM provisioning' }).waitFor();
    await c.page.getByRole('button', { name: '+ New token' }).click();
    await c.page.getByLabel('Name').fill('Okta production');
    await c.page.getByRole('button', { name: 'Create token' }).click();
    const tokenField = c.page.getByRole('dialog').getByLabel('Token', { exact: true });
    await tokenField.waitFor();
    const token = await tokenField.inputValue();
    const base = await c.page.getByRole('dialog').getByLabel('SCIM base URL', { exact: true }).inputValue();
    assert.equal(base, `${server.url}/scim/v2`);
    await c.check('scim-token-created');
    const users = await fetch(`${base}/Users?count=1`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(users.status, 200, 'the token shown is the one that works');
    await c.page.getByRole('button', { name: 'Done' }).click();
    await c.page.getByRole('cell', { name: /Okta production/ }).waitFor();
    assert.ok(!(await c.page.content()).includes(token), 'the secret is gone from the page once closed');
    await c.page.reload();
    await c.page.getByRole('cell', { name: /Okta production/ }).waitFor();
    assert.ok(!(await c.page.content()).includes(token));
    await c.check('scim');
  });

  test('the other screens: organization settings, API keys, SSO, audit log, my account', async () => {
    await nav('Settings');
    await c.page.getByRole('heading', { name: 'Organization settings' }).waitFor();
    await c.check('settings');
    await c.page.getByRole('button', { name: /Switch to login policies/ }).click();
    await c.page.getByText(/sign-in sessions? will end/).waitFor();
    await c.check('strategy-switch');
    await c.page.getByRole('button', { name: 'Cancel' }).click();

    await nav('API keys');
    await c.page.getByRole('button', { name: '+ New service key' }).click();
    await c.page.getByLabel('Name').fill('Terraform');
    await c.page.getByRole('button', { name: 'Create key' }).click();
    const secret = await c.page.getByRole('dialog').getByLabel('Secret of Terraform', { exact: true }).inputValue();
    assert.match(secret, /^ghk_/);
    await c.check('api-key-created');
    await c.page.getByRole('button', { name: 'Done' }).click();
    await c.check('api-keys');

    await nav('SSO connections');
    await c.page.getByRole('heading', { name: 'SSO connections' }).waitFor();
    await c.check('sso-connections');
    await c.page.getByRole('link', { name: '+ New connection' }).click();
    await c.page.getByRole('button', { name: 'Create connection' }).waitFor();
    await c.check('sso-new');

    await nav('Audit log');
    await c.page.getByRole('cell', { name: /invitation\.revoked/ }).waitFor();
    await c.page.getByLabel('Event').fill('invitation.*');
    await c.page.getByRole('button', { name: 'Apply' }).click();
    await c.page.getByRole('cell', { name: /member\.added/ }).first().waitFor({ state: 'detached' });
    const csv = await c.page.evaluate(async (href) => (await fetch(href)).text(), (await c.page.getByRole('link', { name: 'Download CSV' }).getAttribute('href'))!);
    assert.match(csv.split('\r\n')[0]!, /^id,at,action,/);
    assert.ok(csv.split('\r\n').slice(1).filter(Boolean).every((l) => l.includes(',invitation.')), 'the download keeps the filter');
    await c.check('audit');

    await nav('My account');
    await c.page.getByRole('heading', { name: 'My account' }).waitFor();
    await c.check('my-account-key');
    assert.deepEqual(c.errors, [], 'the browser logged no error');
  });
});
