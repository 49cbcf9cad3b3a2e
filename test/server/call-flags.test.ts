import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { recording, startAmiPbx, type AmiPbx } from '../support/ami-pbx.js';
import { TestSocket } from '../support/server.js';

const CALL = 'pbx:1795433159.0';
const HELD_BY_ANNA = { heldBy: ['201'], remoteHold: false, recording: 'off' };
const NONE = { heldBy: [], remoteHold: false, recording: 'off' };

describe('hold, recording and the PBX connection, live in the browser', () => {
  let setup: AmiPbx;

  before(async () => {
    setup = await startAmiPbx();
  });

  after(() => setup?.close());

  const active = async (token: string) => (await setup.server.api('GET', '/api/v1/calls/active', { token })).body.calls as any[];

  test('attended transfer: Anna\'s hold reaches her tab, new tabs and Bob\'s popup, and clears when her phone leaves the call', async () => {
    const { server, pbx, anna, bob } = setup;
    const frames = recording('pjsip/transfer-attended.ami');
    const hold = frames.findIndex((f) => f.startsWith('Event: Hold\r\n'));
    assert.ok(hold > 0, 'the recording has the Hold');
    const annaSocket = await TestSocket.connect(server.url, { token: anna.token });
    const bobSocket = await TestSocket.connect(server.url, { token: bob.token });
    try {
      await annaSocket.next((f) => f.type === 'hello');
      await bobSocket.next((f) => f.type === 'hello');
      for (const frame of frames.slice(0, hold + 1)) pbx.send(frame);
      const held = await annaSocket.next((f) => f.type === 'call.flags' && f.callId === CALL);
      assert.deepEqual(held.flags, HELD_BY_ANNA);
      assert.equal(annaSocket.callFrames(CALL)[0]?.flags?.recording, 'off', 'call frames carry the flags too');

      // A tab that reconnects now sees the hold, from the hello and from GET /calls/active.
      const late = await TestSocket.connect(server.url, { token: anna.token });
      try {
        const hello = await late.next((f) => f.type === 'hello');
        assert.deepEqual(hello.calls.find((c: any) => c.id === CALL)?.flags, HELD_BY_ANNA);
      } finally {
        late.close();
      }
      assert.deepEqual((await active(anna.token)).find((c) => c.id === CALL)?.flags, HELD_BY_ANNA);

      for (const frame of frames.slice(hold + 1)) pbx.send(frame);
      // Bob is rung while Anna holds: his first view of the call says so; the hold was Anna's, not his.
      const bobRings = await bobSocket.next((f) => f.type === 'call' && f.call.id === CALL);
      assert.deepEqual(bobRings.call.flags, HELD_BY_ANNA);
      const cleared = await annaSocket.next((f) => f.type === 'call.flags' && f.callId === CALL && f.flags.heldBy.length === 0);
      assert.deepEqual(cleared.flags, NONE);
      assert.ok(annaSocket.frames.indexOf(cleared) > annaSocket.frames.indexOf(held));
      await bobSocket.next((f) => f.type === 'call.flags' && f.callId === CALL && f.flags.heldBy.length === 0);
      await bobSocket.next((f) => f.type === 'call' && f.call.id === CALL && f.call.phase === 'ended');
      assert.equal(annaSocket.frames.filter((f) => f.type === 'call.flags').length, 2, 'one frame per change');
    } finally {
      annaSocket.close();
      bobSocket.close();
    }
  });

  test('a call from a webhook source has no flags', async () => {
    const { server, anna } = setup;
    const hook = await server.pbx('hook');
    await hook([{ event: 'ringing', callId: 'w1', extension: '201', remoteNumber: '+4790012345', time: Date.now() }]);
    try {
      const call = (await active(anna.token)).find((c) => c.id === 'hook:w1');
      assert.ok(call, 'the webhook call is active');
      assert.equal(call.flags, null);
    } finally {
      await hook([{ event: 'missed', callId: 'w1', extension: '201', cause: 'cancelled', time: Date.now() }]);
    }
  });

  test('the PBX drops: every tab is told to re-read its capabilities, which say pbx_disconnected; and again once it is back', async () => {
    const { server, pbx, anna, bob } = setup;
    const capabilities = async () => (await server.api('GET', '/api/v1/capabilities', { token: anna.token })).body;
    assert.deepEqual((await capabilities()).actions.hangup, { available: true, reason: null });
    const annaSocket = await TestSocket.connect(server.url, { token: anna.token });
    const bobSocket = await TestSocket.connect(server.url, { token: bob.token });
    const pushes = (socket: TestSocket) => socket.frames.filter((f) => f.type === 'capabilities').length;
    try {
      await annaSocket.next((f) => f.type === 'hello');
      await bobSocket.next((f) => f.type === 'hello');
      // Refuse logins while "down", so it stays down until the test has looked.
      pbx.handle('Login', () => ({ Response: 'Error', Message: 'Authentication failed' }));
      try {
        pbx.dropAll();
        await annaSocket.next((f) => f.type === 'capabilities');
        await bobSocket.next((f) => f.type === 'capabilities');
        const down = await capabilities();
        for (const action of ['answer', 'hangup', 'transfer', 'park', 'record']) assert.deepEqual(down.actions[action], { available: false, reason: 'pbx_disconnected' }, action);
        // Failed logins are no change: still down, nothing more to re-read.
        await setup.until('a refused login', () => pbx.actions('Login').filter((a) => a.message.fields.Username === 'cti').length >= 2, 5000);
        assert.equal(pushes(annaSocket), 1);
      } finally {
        pbx.handlers.delete('login');
      }
      await setup.until('the capabilities pushed again', () => pushes(annaSocket) === 2 && pushes(bobSocket) === 2, 15_000);
      assert.deepEqual((await capabilities()).actions.hangup, { available: true, reason: null });
    } finally {
      annaSocket.close();
      bobSocket.close();
    }
  });
});
