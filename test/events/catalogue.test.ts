// Every kind of change in the catalogue reaches a subscribed receiver as a signed Standard Webhooks
// delivery (verified with the `standardwebhooks` package), with the resource after the change, the
// fields changed, the actor, and a per-organization sequence; the feed lists the same events.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGroup, createUser, patchOp, scimOrg } from '../scim/helpers.ts';
import { eventsBed, readFeed, subscribe } from './helpers.ts';

describe('the event catalogue over webhooks and the feed', () => {
  const bed = eventsBed();

  it('delivers user, group and membership changes with the resource after the change', async () => {
    const org = await scimOrg(bed.server);
    const hook = await subscribe(bed.server, org, bed.receiver);
    assert.match(hook.secret, /^whsec_[A-Za-z0-9+/]+=*$/);

    const userId = await createUser(org.scim, 'ada@example.com');
    assert.equal((await org.scim.patch(`/Users/${userId}`, patchOp({ op: 'replace', path: 'displayName', value: "Ada Lovelace" }))).status < 300, true);
    assert.equal((await org.scim.patch(`/Users/${userId}`, patchOp({ op: 'replace', path: "active", value: false }))).status < 300, true);
    assert.equal((await org.scim.patch(`/Users/${userId}`, patchOp({ op: 'replace', path: "active", value: true }))).status < 300, true);
    const other = await createUser(org.scim, 'grace@example.com');
    const groupId = await createGroup(org.scim, 'engineers', [userId]);
    assert.equal((await org.scim.patch(`/Groups/${groupId}`, patchOp({ op: 'add', path: 'members', value: [{ value: other }] }, { op: 'remove', path: `members[value eq "${userId}"]` }))).status < 300, true);
    assert.equal((await org.scim.delete(`/Users/${other}`)).status, 204);

    const expected = ['user.created', 'user.updated', 'user.suspended', 'user.restored', 'user.created', 'group.created', 'group.members_added', 'group.members_added', 'group.members_removed', 'user.deleted'];
    await bed.receiver.waitFor((r) => new Set(r.filter((x) => (x.event.organization as { id: string }).id === org.id).map((x) => x.id)).size >= expected.length);
    // At least once: a retry after a slow answer arrives again with the same webhook-id; keep the first.
    const seen = new Set<string>();
    const arrived = bed.receiver.received.filter((x) => (x.event.organization as { id: string }).id === org.id && !seen.has(x.id) && seen.add(x.id)).map((x) => x.event);
    // Different subjects travel side by side; the sequence says the order they happened in.
    const got = [...arrived].sort((a, b) => a.sequence - b.sequence);
    assert.deepEqual(got.map((e) => e.type), expected);
    for (const subject of new Set(arrived.map((e) => e.subject.id))) {
      const seqs = arrived.filter((e) => e.subject.id === subject).map((e) => e.sequence);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), `events about ${subject} arrive in order`);
    }
    assert.deepEqual(got.map((e) => e.sequence), got.map((_, i) => got[0]!.sequence + i), 'sequence numbers run without gaps per organization');

    const updated = got[1]!;
    assert.equal((updated.data.object as { displayName: string }).displayName, 'Ada Lovelace');
    assert.deepEqual(updated.data.changed, ['displayName']);
    assert.match(String((updated.data.previous as { displayName: string }).displayName), /^Display/);
    assert.equal((updated.actor as { type: string }).type, 'scim_token');
    assert.equal((got[2]!.data.object as { active: boolean }).active, false);
    assert.deepEqual(got[2]!.data.changed, ['active']);

    assert.deepEqual(got[6]!.data.userIds, [userId], 'created with a member: one members_added with its id');
    assert.deepEqual(got[7]!.data.userIds, [other]);
    assert.deepEqual(got[8]!.data.userIds, [userId]);
    assert.equal((got[8]!.data.object as { displayName: string }).displayName, 'engineers');
    assert.equal(got[9]!.subject.id, other);
    for (const r of bed.receiver.received) assert.equal(r.id, r.event.id, 'webhook-id is the event id');

    const feed = await readFeed(bed.server, org);
    assert.deepEqual(feed.map((e) => e.type), ['api_key.created', ...expected], 'the organization began with its owner key');
    assert.deepEqual(feed.slice(1).map((e) => e.id), got.map((e) => e.id), 'the feed lists the same events in the same order');
    const onlyGroups = await readFeed(bed.server, org, '&types=group.*');
    assert.deepEqual(onlyGroups.map((e) => e.type), ['group.created', 'group.members_added', 'group.members_added', 'group.members_removed']);
  });
});

describe('nested groups in the catalogue', () => {
  const bed = eventsBed();

  it('a group nested into another, and taken out again, is a membership event with its groupIds', async () => {
    const org = await scimOrg(bed.server);
    const ada = await createUser(org.scim, 'ada@example.com');
    const inner = await createGroup(org.scim, 'inner', [ada]);
    const outer = await createGroup(org.scim, 'outer');
    const nest = await org.scim.patch(`/Groups/${outer}`, patchOp({ op: 'add', path: 'members', value: [{ value: inner, type: 'Group' }] }));
    assert.ok(nest.status < 300, nest.text);
    const unnest = await org.scim.patch(`/Groups/${outer}`, patchOp({ op: 'remove', path: `members[value eq "${inner}"]` }));
    assert.ok(unnest.status < 300, unnest.text);
    let events: Awaited<ReturnType<typeof readFeed>> = [];
    for (let i = 0; i < 100 && events.length < 2; i++) {
      events = (await readFeed(bed.server, org, '&types=group.*')).filter((e) => e.subject.id === outer && e.type.startsWith('group.members_'));
      if (events.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(events.map((e) => e.type), ['group.members_added', 'group.members_removed']);
    for (const e of events) {
      assert.deepEqual(e.data.groupIds, [inner], 'the nested group is named');
      assert.deepEqual(e.data.userIds, [], 'no person became a direct member');
    }
  });
});
