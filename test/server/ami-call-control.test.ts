import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actionFields, lastAction, recording, sentActions, serveAstDb, startAmiPbx, type AmiPbx } from '../support/ami-pbx.js';
import type { AmiReply, AmiTestServer } from '../support/ami-server.js';
import { sleep, type TestServer } from '../support/server.js';

/** Kari's call to 201 (pjsip/inbound-answered), renamed so every test has a call of its own. */
const answeredFrames = (prefix: string) => recording('pjsip/inbound-answered.ami').map((f) => f.replaceAll('1795433211.', `${prefix}.`));
/** Up to the second BridgeEnter: both parties talking. */
const upToAnswer = (frames: string[]) => frames.slice(0, frames.findIndex((f, i) => f.startsWith('Event: BridgeEnter') && frames.slice(0, i).some((g) => g.startsWith('Event: BridgeEnter'))) + 1);
const upToRinging = (frames: string[]) => frames.slice(0, frames.findIndex((f) => f.startsWith('Event: Newstate') && /ChannelStateDesc: Ringing/.test(f)) + 1);

describe('phone controls over AMI, through the API', () => {
  let setup: AmiPbx;
  let server: TestServer;
  let pbx: AmiTestServer;
  let anna: { id: number; token: string };
  let bob: { id: number; token: string };
  let sue: { id: number; token: string };
  let nobody: { id: number; token: string };
  /** A copy of the PBX's AstDB, family/key → value. */
  const astdb = new Map<string, string>();
  /** Kari talking to Anna (201), bridged: the call most tests act on. */
  const TALKING = 'pbx:1795400001.5';

  const post = (token: string, url: string, body?: unknown) => server.api('POST', `/api/v1${url}`, { token, body: body ?? {} });
  const onCall = (id: string, action: string, token: string, body?: unknown) => post(token, `/calls/${encodeURIComponent(id)}/${action}`, body);
  const channelsOf = (id: string) => server.sb.ami.connection('pbx')?.channelsOf(id.slice('pbx:'.length)) ?? [];
  const replay = async (frames: string[], id: string, ready: () => boolean) => {
    for (const frame of frames) pbx.send(frame);
    await setup.until(`call ${id} on the server`, () => ready() && server.sb.calls.current(id) !== undefined);
  };
  const success = (message: string) => (): AmiReply => ({ Response: 'Success', Message: message });

  before(async () => {
    // A PBX that wants 0 before outside numbers, as the dial route's callto: form gives it.
    setup = await startAmiPbx({ SWITCHBOARD_NUMBERING_OUTSIDE_LINE_PREFIX: '0' });
    ({ server, pbx, anna, bob } = setup);
    sue = await server.user('sue', ['203'], { displayName: 'Sue', role: 'admin' });
    nobody = await server.user('nobody', []);
    for (const [action, message] of [
      ['Hangup', 'Channel Hungup'],
      ['PJSIPNotify', 'Notify sent'],
      ['BlindTransfer', 'Transfer succeeded'],
      ['Atxfer', 'Atxfer successfully queued'],
      ['CancelAtxfer', 'CancelAtxfer successfully queued'],
      ['Originate', 'Originate successfully queued'],
      ['MixMonitor', 'Started monitoring channel'],
      ['StopMixMonitor', 'Stopped monitoring channel'],
      ['MixMonitorMute', 'Muted'],
      ['Setvar', 'Variable Set'],
      ['QueueAdd', 'Added interface to queue'],
      ['QueueRemove', 'Removed interface from queue'],
      ['QueuePause', 'Interface paused successfully'],
    ] as const) {
      pbx.handle(action, success(message));
    }
    serveAstDb(pbx, astdb);
    await replay(upToAnswer(answeredFrames('1795400001')), TALKING, () => channelsOf(TALKING).filter((c) => c.bridge !== undefined).length === 2);
  });

  after(async () => {
    await setup?.close();
  });

  test('a user with an extension gets the PBX capabilities; one without keeps the webhook ones', async () => {
    const capabilities = (await server.api('GET', '/api/v1/capabilities', { token: anna.token })).body;
    assert.equal(capabilities.backend, 'ami');
    assert.equal(capabilities.dial, 'pbx');
    for (const action of ['answer', 'hangup', 'transfer', 'park', 'record']) assert.deepEqual(capabilities.actions[action], { available: true, reason: null }, action);
    assert.deepEqual(capabilities.actions.hold, { available: false, reason: 'use_phone' });
    const without = (await server.api('GET', '/api/v1/capabilities', { token: nobody.token })).body;
    assert.equal(without.backend, 'webhook');
    assert.equal(without.dial, 'client');
  });

  test('hang up: Hangup on the user\'s own channel; someone not on the call gets 409 and nothing is sent', async () => {
    const response = await onCall(TALKING, 'hangup', anna.token);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(lastAction(pbx, 'Hangup'), { Channel: 'PJSIP/201-00000004' });

    const sent = pbx.actions('Hangup').length;
    const stranger = await onCall(TALKING, 'hangup', bob.token);
    assert.equal(stranger.status, 409);
    assert.equal(stranger.body.error.code, 'not_on_call');
    assert.equal(pbx.actions('Hangup').length, sent);

    const unknown = await onCall('pbx:no-such-call', 'hangup', anna.token);
    assert.equal(unknown.status, 404);
  });

  test('the PBX refusing an action gives 502 with its message', async () => {
    pbx.handle('Hangup', () => ({ Response: 'Error', Message: 'No such channel' }));
    try {
      const response = await onCall(TALKING, 'hangup', anna.token);
      assert.equal(response.status, 502);
      assert.equal(response.body.error.code, 'pbx_refused');
      assert.match(response.body.error.message, /No such channel/);
    } finally {
      pbx.handle('Hangup', success('Channel Hungup'));
    }
  });

  test('blind transfer to an extension, attended transfer to an outside number in the PBX\'s dial form, and its cancel', async () => {
    const blind = await onCall(TALKING, 'transfer', anna.token, { target: '202' });
    assert.equal(blind.status, 200, JSON.stringify(blind.body));
    // The same fields a CTI sent in the recording, on this call's channel.
    const recorded = sentActions('pjsip/transfer-blind.sent').find((a) => a.action === 'BlindTransfer')!;
    assert.deepEqual(lastAction(pbx, 'BlindTransfer'), { ...recorded.fields, Channel: 'PJSIP/201-00000004' });

    const attended = await onCall(TALKING, 'transfer', anna.token, { target: '+47 99 88 77 66', attended: true });
    assert.equal(attended.status, 200, JSON.stringify(attended.body));
    assert.deepEqual(lastAction(pbx, 'Atxfer'), { Channel: 'PJSIP/201-00000004', Context: 'from-internal', Exten: '099887766' });

    const cancel = await onCall(TALKING, 'transfer/cancel', anna.token);
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    assert.deepEqual(lastAction(pbx, 'CancelAtxfer'), { Channel: 'PJSIP/201-00000004' });
  });

  test('a transfer target that is no number is refused with 400 naming the field, before anything reaches the PBX', async () => {
    const sent = pbx.actions('BlindTransfer').length;
    for (const target of ['call me', '+47 123']) {
      const response = await onCall(TALKING, 'transfer', anna.token, { target });
      assert.equal(response.status, 400, target);
      assert.equal(response.body.error.code, 'invalid', target);
      assert.match(response.body.error.message, /^target: /, target);
    }
    assert.equal((await onCall(TALKING, 'transfer', anna.token, {})).status, 400);
    assert.equal(pbx.actions('BlindTransfer').length, sent);
  });

  test('park: the other party is parked with the user as timeout channel, and the reply names the space from the ParkedCall event', async () => {
    const frames = recording('pjsip/inbound-parked.ami');
    const parkedEvent = frames.find((f) => f.startsWith('Event: ParkedCall'))!;
    const id = 'pbx:1795433362.20';
    await replay(upToAnswer(frames), id, () => channelsOf(id).filter((c) => c.bridge !== undefined).length === 2);
    pbx.handle('Park', (request, conn) => {
      conn.reply(request, { Response: 'Success', Message: 'Park successful' });
      // As Asterisk does: the event after the response, without an ActionID.
      setTimeout(() => conn.write(parkedEvent), 20);
    });

    const response = await onCall(id, 'park', anna.token);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body, { space: '701' });
    // The recording's Park, except its Timeout: we leave the parking lot's own timeout alone.
    const { Timeout: _timeout, ...recorded } = sentActions('pjsip/inbound-parked.sent').find((a) => a.action === 'Park')!.fields;
    assert.deepEqual(lastAction(pbx, 'Park'), recorded);
    assert.deepEqual(recorded, { Channel: 'PJSIP/provider-00000012', TimeoutChannel: 'PJSIP/201-00000013', Parkinglot: 'default' });
  });

  test('park: the PBX saying nothing about the space still parks, with space null', async () => {
    pbx.handle('Park', success('Park successful'));
    const response = await onCall(TALKING, 'park', anna.token);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body, { space: null });
    assert.deepEqual(lastAction(pbx, 'Park'), { Channel: 'PJSIP/provider-00000003', TimeoutChannel: 'PJSIP/201-00000004', Parkinglot: 'default' });
  });

  test('pickup from a parking space: Originate of the user\'s phone to the space, as in the recording', async () => {
    const response = await post(bob.token, '/parking/701/pickup');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const { Variable, ...fields } = lastAction(pbx, 'Originate');
    const recorded = sentActions('pjsip/inbound-parked.sent').find((a) => a.action === 'Originate')!;
    assert.deepEqual(fields, { ...recorded.fields, CallerID: '"Bob" <202>' });
    assert.match(Variable ?? '', /^__SWITCHBOARD_ORIGINATE=[0-9a-f-]{36}$/);
    const bad = await post(bob.token, '/parking/70%0D%0A1/pickup');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid');
    assert.match(bad.body.error.message, /space/);
  });

  test('record: MixMonitor to a file named after the call, then mute, unmute and stop on the same channel', async () => {
    const start = await onCall(TALKING, 'record', anna.token, { action: 'start' });
    assert.equal(start.status, 200, JSON.stringify(start.body));
    const mix = lastAction(pbx, 'MixMonitor');
    assert.deepEqual(Object.keys(mix), ['Channel', 'File']);
    assert.equal(mix.Channel, 'PJSIP/201-00000004');
    assert.match(mix.File!, /^switchboard-1795400001\.5-\d{8}-\d{6}\.wav$/);
    assert.equal(start.body.file, mix.File);

    assert.equal((await onCall(TALKING, 'record', anna.token, { action: 'pause' })).status, 200);
    assert.deepEqual(lastAction(pbx, 'MixMonitorMute'), { Channel: 'PJSIP/201-00000004', Direction: 'both', State: '1' });
    assert.equal((await onCall(TALKING, 'record', anna.token, { action: 'resume' })).status, 200);
    assert.deepEqual(lastAction(pbx, 'MixMonitorMute'), { Channel: 'PJSIP/201-00000004', Direction: 'both', State: '0' });
    assert.equal((await onCall(TALKING, 'record', anna.token, { action: 'stop' })).status, 200);
    assert.deepEqual(lastAction(pbx, 'StopMixMonitor'), { Channel: 'PJSIP/201-00000004' });
    assert.equal((await onCall(TALKING, 'record', anna.token, { action: 'rewind' })).status, 400);
  });

  test('answer: a PJSIP NOTIFY to the endpoint of the ringing phone; a call already answered cannot be', async () => {
    const id = 'pbx:1795400002.5';
    await replay(upToRinging(answeredFrames('1795400002')), id, () => channelsOf(id).some((c) => c.name === 'PJSIP/201-00000004' && c.state === 5));
    const response = await onCall(id, 'answer', anna.token);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(lastAction(pbx, 'PJSIPNotify'), { Endpoint: '201', Variable: 'Event=talk' });

    const sent = pbx.actions('PJSIPNotify').length;
    const answered = await onCall(TALKING, 'answer', anna.token);
    assert.equal(answered.status, 409);
    assert.equal(answered.body.error.code, 'not_on_call');
    assert.equal(pbx.actions('PJSIPNotify').length, sent);
  });

  test('click-to-call: Originate rings the user\'s phone first, then the PBX dial string; the reply is the dial reply plus originated', async () => {
    const response = await post(anna.token, '/dial', { number: '+47 99 88 77 66' });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.mode, 'pbx');
    assert.equal(response.body.number, '099887766');
    assert.equal(response.body.e164, '+4799887766');
    assert.equal(response.body.uri, null);
    assert.equal(response.body.device.extension, '201');
    assert.equal(response.body.originated, true);

    const { Variable, ...fields } = lastAction(pbx, 'Originate');
    assert.deepEqual(fields, {
      Channel: 'PJSIP/201',
      Context: 'from-internal',
      Exten: '099887766',
      Priority: '1',
      CallerID: '"Anna" <201>',
      Timeout: '30000',
      Async: 'true',
    });
    assert.match(Variable ?? '', /^__SWITCHBOARD_ORIGINATE=[0-9a-f-]{36}$/);
    // Field for field what the recorded CTI sent, apart from the number, the name and our tag.
    const recorded = sentActions('pjsip/outbound-click2call.sent').find((a) => a.action === 'Originate')!;
    assert.deepEqual(Object.keys(fields), Object.keys(recorded.fields));

    const extension = await post(anna.token, '/dial', { number: '202' });
    assert.equal(extension.body.number, '202');
    assert.equal(lastAction(pbx, 'Originate').Exten, '202');
  });

  test('supervising is for admins: 403 for others; an admin\'s phone is rung into ChanSpy on the agent\'s channel', async () => {
    const sent = pbx.actions('Originate').length;
    const refused = await onCall(TALKING, 'spy', anna.token, { mode: 'listen' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'forbidden');
    assert.equal(pbx.actions('Originate').length, sent);

    for (const [mode, options] of [['listen', 'qES'], ['whisper', 'qESw'], ['barge', 'qESB']] as const) {
      const response = await onCall(TALKING, 'spy', sue.token, { mode });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual(lastAction(pbx, 'Originate'), { Channel: 'PJSIP/203', Application: 'ChanSpy', Data: `PJSIP/201-00000004,${options}`, Timeout: '30000', Async: 'true' });
    }
  });

  test('queues: log in, pause with a reason, unpause and log out with the user\'s phone as the member', async () => {
    const queue = (body: unknown) => post(anna.token, '/queues/support/members/me', body);
    assert.equal((await queue({ action: 'login' })).status, 200);
    assert.deepEqual(lastAction(pbx, 'QueueAdd'), { Queue: 'support', Interface: 'PJSIP/201', Penalty: '0', Paused: 'false' });
    assert.equal((await queue({ action: 'pause', reason: 'lunch' })).status, 200);
    assert.deepEqual(lastAction(pbx, 'QueuePause'), { Interface: 'PJSIP/201', Paused: 'true', Queue: 'support', Reason: 'lunch' });
    assert.equal((await queue({ action: 'unpause' })).status, 200);
    assert.deepEqual(lastAction(pbx, 'QueuePause'), { Interface: 'PJSIP/201', Paused: 'false', Queue: 'support' });
    assert.equal((await queue({ action: 'logout' })).status, 200);
    assert.deepEqual(lastAction(pbx, 'QueueRemove'), { Queue: 'support', Interface: 'PJSIP/201' });

    const bad = await post(anna.token, '/queues/sup%20port/members/me', { action: 'login' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /queue/);
    const pipe = await queue({ action: 'pause', reason: 'a|b' });
    assert.equal(pipe.status, 400);
    assert.match(pipe.body.error.message, /reason/);
  });

  test('forwarding: read from AstDB, set to a number and to voicemail, cleared again', async () => {
    const empty = await server.api('GET', '/api/v1/me/forwarding', { token: anna.token });
    assert.equal(empty.status, 200, JSON.stringify(empty.body));
    assert.deepEqual(empty.body, { extension: '201', dnd: false, unconditional: null, busy: null, unavailable: null });
    assert.deepEqual(
      pbx.actions('DBGet').slice(-4).map((a) => `${a.message.fields.Family}/${a.message.fields.Key}`),
      ['DND/201', 'CF/201', 'CFB/201', 'CFU/201'],
    );

    const set = await server.api('PUT', '/api/v1/me/forwarding', { token: anna.token, body: { unconditional: { number: '+47 99 88 77 66' }, busy: { voicemail: true } } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body, { extension: '201', dnd: false, unconditional: { number: '099887766' }, busy: { voicemail: true }, unavailable: null });
    assert.deepEqual(
      pbx.actions('DBPut').slice(-2).map((a) => actionFields(a.message.fields)),
      [
        { Family: 'CF', Key: '201', Val: '099887766' },
        { Family: 'CFB', Key: '201', Val: 'vmu201' },
      ],
    );
    assert.deepEqual(
      pbx.actions('Setvar').slice(-2).map((a) => actionFields(a.message.fields)),
      [
        { Variable: 'DEVICE_STATE(Custom:CF201)', Value: 'BUSY' },
        { Variable: 'DEVICE_STATE(Custom:DEVCF201)', Value: 'BUSY' },
      ],
    );

    const cleared = await server.api('PUT', '/api/v1/me/forwarding', { token: anna.token, body: { unconditional: null, unavailable: null } });
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
    assert.deepEqual(cleared.body, { extension: '201', dnd: false, unconditional: null, busy: { voicemail: true }, unavailable: null });
    assert.deepEqual(lastAction(pbx, 'DBDel'), { Family: 'CFU', Key: '201' });

    const bad = await server.api('PUT', '/api/v1/me/forwarding', { token: anna.token, body: { busy: { number: 'nowhere' } } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /^busy\.number: /);
    const none = await server.api('GET', '/api/v1/me/forwarding', { token: nobody.token });
    assert.equal(none.status, 409);
    assert.equal(none.body.error.code, 'no_phone');
  });

  test('do-not-disturb follows the presence: DBPut DND/201 YES with the BLF states, DBDel when leaving it, nothing for available ↔ away', async () => {
    const presence = (value: string) => server.api('PUT', '/api/v1/me/presence', { token: anna.token, body: { presence: value } });
    const puts = pbx.actions('DBPut').length;
    const setvars = pbx.actions('Setvar').length;
    assert.equal((await presence('dnd')).status, 200);
    await pbx.waitFor(() => pbx.actions('Setvar').length === setvars + 2, 2000, 'the DND device states');
    assert.deepEqual(actionFields(pbx.actions('DBPut')[puts]!.message.fields), { Family: 'DND', Key: '201', Val: 'YES' });
    assert.deepEqual(
      pbx.actions('Setvar').slice(-2).map((a) => actionFields(a.message.fields)),
      [
        { Variable: 'DEVICE_STATE(Custom:DND201)', Value: 'BUSY' },
        { Variable: 'DEVICE_STATE(Custom:DEVDND201)', Value: 'BUSY' },
      ],
    );
    assert.equal((await server.api('GET', '/api/v1/me/forwarding', { token: anna.token })).body.dnd, true);

    const dels = pbx.actions('DBDel').length;
    assert.equal((await presence('available')).status, 200);
    await pbx.waitFor(() => pbx.actions('Setvar').length === setvars + 4, 2000, 'the DND device states cleared');
    assert.deepEqual(actionFields(pbx.actions('DBDel')[dels]!.message.fields), { Family: 'DND', Key: '201' });
    assert.deepEqual(pbx.actions('Setvar').at(-1)!.message.fields.Value, 'NOT_INUSE');

    assert.equal((await presence('away')).status, 200);
    assert.equal((await presence('available')).status, 200);
    await sleep(200);
    assert.equal(pbx.actions('DBDel').length, dels + 1, 'available ↔ away does not touch DND');
    assert.equal(pbx.actions('DBPut').length, puts + 1);
  });

  test('the PBX drops: capabilities say pbx_disconnected, actions give 503, presence still changes; all back after the reconnect', async () => {
    // Refuse logins while "down", so the connection stays down for as long as the test needs.
    pbx.handle('Login', () => ({ Response: 'Error', Message: 'Authentication failed' }));
    const capabilities = async () => (await server.api('GET', '/api/v1/capabilities', { token: anna.token })).body;
    try {
      pbx.dropAll();
      await setup.until('the capabilities to notice', async () => (await capabilities()).actions.hangup.available === false);
      const down = await capabilities();
      assert.equal(down.backend, 'ami');
      for (const action of ['answer', 'hangup', 'transfer', 'park', 'record']) assert.deepEqual(down.actions[action], { available: false, reason: 'pbx_disconnected' }, action);

      const hangup = await onCall(TALKING, 'hangup', anna.token);
      assert.equal(hangup.status, 503);
      assert.equal(hangup.body.error.code, 'pbx_unavailable');
      const dial = await post(anna.token, '/dial', { number: '202' });
      assert.equal(dial.status, 503);
      assert.equal(dial.body.error.code, 'pbx_unavailable');
      assert.equal((await server.api('PUT', '/api/v1/me/presence', { token: anna.token, body: { presence: 'dnd' } })).status, 200, 'the PBX being down does not fail the presence');
    } finally {
      pbx.handlers.delete('login');
    }
    await setup.until('connected again', async () => (await setup.connectionState()) === 'connected', 15_000);
    assert.deepEqual((await capabilities()).actions.hangup, { available: true, reason: null });
  });
});
