import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallFlags, CallView } from '../../web/src/api/types.js';
import { holdOf, recordingOf } from '../../web/src/components/popup/call-flags.js';
import { applyCall } from '../../web/src/components/popup/card-state.js';

const ME = 1;
const flags = (over: Partial<CallFlags> = {}): CallFlags => ({ heldBy: [], remoteHold: false, recording: 'off', ...over });
const call = (over: Partial<CallView> = {}): CallView => ({
  id: 'pbx:1', source: 'pbx', direction: 'inbound', phase: 'answered', outcome: null, cause: null,
  remoteNumber: '+4722334455', remoteName: null, localNumber: null, queue: null,
  startedAt: 0, answeredAt: 10, endedAt: null, ringMs: 10, talkMs: null, closedByTimeout: false,
  legs: [
    { extension: '201', state: 'answered', cause: null, userId: ME, userName: 'Anna' },
    { extension: '202', state: 'ringing', cause: null, userId: 2, userName: 'Bob' },
  ],
  answeredBy: { extension: '201', userId: ME, userName: 'Anna' }, mine: { extension: '201', state: 'answered', cause: null },
  identifying: false, identity: null, lookupFailures: [], flags: flags(), ...over,
});

describe('popup: hold and recording', () => {
  test('who holds the call, from the viewer\'s side', () => {
    assert.equal(holdOf(call(), ME), null);
    assert.deepEqual(holdOf(call({ flags: flags({ heldBy: ['201'] }) }), ME), { by: 'you' });
    assert.deepEqual(holdOf(call({ flags: flags({ remoteHold: true }) }), ME), { by: 'caller' });
    // Bob sees Anna's hold by her name; Anna's own hold wins over the caller's.
    assert.deepEqual(holdOf(call({ flags: flags({ heldBy: ['201'] }), mine: { extension: '202', state: 'ringing', cause: null } }), 2), { by: 'colleague', name: 'Anna' });
    assert.deepEqual(holdOf(call({ flags: flags({ heldBy: ['201'], remoteHold: true }) }), ME), { by: 'you' });
    // An extension that is nobody's leg is named by its number.
    assert.deepEqual(holdOf(call({ flags: flags({ heldBy: ['209'] }) }), ME), { by: 'colleague', name: '209' });
  });

  test('recording as reported; nothing for ended calls or sources that cannot tell', () => {
    assert.equal(recordingOf(call({ flags: flags({ recording: 'on' }) })), 'on');
    assert.equal(recordingOf(call({ flags: flags({ recording: 'paused' }) })), 'paused');
    assert.equal(recordingOf(call({ flags: null })), 'off');
    assert.equal(holdOf(call({ flags: null }), ME), null);
    const ended = call({ phase: 'ended', endedAt: 20, flags: flags({ heldBy: ['201'], recording: 'on' }) });
    assert.equal(recordingOf(ended), 'off');
    assert.equal(holdOf(ended, ME), null);
  });

  test('a card takes the flags of each update of its call', () => {
    let cards = applyCall([], call(), ME, 0);
    cards = applyCall(cards, call({ flags: flags({ heldBy: ['201'], recording: 'on' }) }), ME, 5);
    assert.deepEqual(cards[0]?.call.flags, flags({ heldBy: ['201'], recording: 'on' }));
    cards = applyCall(cards, call(), ME, 9);
    assert.deepEqual(cards[0]?.call.flags, flags());
  });
});
