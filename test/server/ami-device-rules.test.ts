import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { recording, startAmiPbx, type AmiPbx } from '../support/ami-pbx.js';

const DESK_RULE = 'phone:^PJSIP/(?<ext>\\d+)-desk-[0-9a-f]+$';

/**
 * A source's device rules reach the running connection: an Asterisk whose phones' channels carry a
 * suffix the built-in rules read as a trunk (`PJSIP/201-desk-00000004`) is followed correctly once
 * the admin adds a rule for them.
 */
describe('device rules of an AMI source in the running server', () => {
  let setup: AmiPbx;

  before(async () => {
    setup = await startAmiPbx();
  });
  after(async () => {
    await setup?.close();
  });

  test('a rule added by PATCH reconnects the source, and its phones answer calls as extensions', async () => {
    const { server, pbx, admin, anna } = setup;
    const patched = await server.api('PATCH', '/api/v1/sources/pbx', { token: admin, body: { ami: { deviceRules: [DESK_RULE] } } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual(patched.body.source.ami.deviceRules, [DESK_RULE]);

    // New rules mean a new connection: logged in again and reloaded from the start.
    await pbx.waitFor(() => pbx.actions('CoreShowChannels').length === 2, 5000, 'the reload after the reconnect');
    await setup.until('connected again', async () => (await setup.connectionState()) === 'connected');
    assert.equal(pbx.actions('Login').length, 2, 'logged in a second time');
    await server.sb.ami.connection('pbx')?.synced();

    for (const frame of recording('pjsip/inbound-answered.ami')) pbx.send(frame.replaceAll('PJSIP/201-', 'PJSIP/201-desk-'));
    const id = 'pbx:1795433211.5';
    const logged = async () => ((await server.api('GET', '/api/v1/calls?user=all', { token: admin })).body.calls as any[]).find((c) => c.id === id);
    await setup.until('the call in the log', async () => (await logged())?.phase === 'ended');
    const call = await logged();
    assert.equal(call.direction, 'inbound');
    assert.equal(call.outcome, 'answered');
    assert.equal(call.answeredBy, '201');
    assert.equal(call.answeredByUserId, anna.id);
  });
});
