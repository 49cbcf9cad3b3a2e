import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CallFlags } from '../../../src/calls/call-view.js';
import { CallFlagsTracker } from '../../../src/telephony/ami/call-flags.js';
import { acceptsEvent } from '../../../src/telephony/ami/event-filter.js';
import { AmiFrameParser, type AmiMessage } from '../../../src/telephony/ami/frame-parser.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/ami/', import.meta.url));

/** A recording as the connection gets it: parsed, the unused events skipped unbuilt. */
function recorded(file: string): AmiMessage[] {
  const out: AmiMessage[] = [];
  new AmiFrameParser({ onMessage: (m) => out.push(m), acceptEvent: acceptsEvent }).push(readFileSync(FIXTURES + file));
  return out;
}

/** Hand-written events: `Event` first, then the fields. */
function events(...frames: Record<string, string>[]): AmiMessage[] {
  const out: AmiMessage[] = [];
  const parser = new AmiFrameParser({ onMessage: (m) => out.push(m), acceptEvent: acceptsEvent });
  for (const frame of frames) parser.push(Buffer.from(Object.entries(frame).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n'));
  return out;
}

const channel = (name: string, uniqueid: string, linkedid: string) => ({ Channel: name, ChannelState: '6', ChannelStateDesc: 'Up', Uniqueid: uniqueid, Linkedid: linkedid });
const ANNA = channel('PJSIP/201-00000001', '1795433159.1', '1795433159.0');
const TRUNK = channel('PJSIP/provider-00000000', '1795433159.0', '1795433159.0');
const CALL = 'pbx:1795433159.0';
const NONE: CallFlags = { heldBy: [], remoteHold: false, recording: 'off' };

/** Every change, in order: which event, which call, its flags afterwards. */
function run(tracker: CallFlagsTracker, messages: AmiMessage[]): { event: string; callId: string; flags: CallFlags }[] {
  const changes: { event: string; callId: string; flags: CallFlags }[] = [];
  for (const message of messages) {
    for (const callId of tracker.handle(message)) changes.push({ event: message.name, callId, flags: tracker.flagsOf(callId) });
  }
  return changes;
}

describe('call flags from AMI events', () => {
  test('the events it reads are not skipped by the event filter', () => {
    for (const name of ['Hold', 'Unhold', 'MixMonitorStart', 'MixMonitorStop', 'MixMonitorMute', 'Hangup', 'Rename']) assert.ok(acceptsEvent(name), name);
  });

  test('recorded attended transfer (SIP phones): 201 holds the caller while consulting 202; the hold goes with 201\'s channel', () => {
    const tracker = new CallFlagsTracker({ source: 'pbx' });
    const changes = run(tracker, recorded('pjsip/transfer-attended.ami'));
    assert.deepEqual(changes, [
      { event: 'Hold', callId: CALL, flags: { heldBy: ['201'], remoteHold: false, recording: 'off' } },
      { event: 'Hangup', callId: CALL, flags: NONE },
    ]);
    assert.equal(tracker.size, 0, 'nothing is kept once the channels are gone');
  });

  test('recorded attended transfer (Local channels): the Local leg of 201 counts as 201', () => {
    const tracker = new CallFlagsTracker({ source: 'pbx' });
    const changes = run(tracker, recorded('transfer-attended.ami'));
    assert.deepEqual(
      changes.map((c) => [c.event, c.callId, c.flags.heldBy]),
      [
        ['Hold', 'pbx:1795431519.48', ['201']],
        ['Hangup', 'pbx:1795431519.48', []],
      ],
    );
  });

  test('an Unhold of a channel never seen on hold (the blind transfer recording) changes nothing', () => {
    const tracker = new CallFlagsTracker({ source: 'pbx' });
    assert.deepEqual(run(tracker, recorded('pjsip/transfer-blind.ami')), []);
  });

  test('recording: start, muted one way (still recording), both ways (paused), unmuted, stopped', () => {
    const tracker = new CallFlagsTracker({ source: 'pbx' });
    const changes = run(
      tracker,
      events(
        { Event: 'MixMonitorStart', ...ANNA },
        { Event: 'MixMonitorMute', ...ANNA, Direction: 'read', State: '1' },
        { Event: 'MixMonitorMute', ...ANNA, Direction: 'write', State: '1' },
        { Event: 'MixMonitorMute', ...ANNA, Direction: 'both', State: '0' },
        { Event: 'MixMonitorStop', ...ANNA },
      ),
    );
    assert.deepEqual(
      changes.map((c) => [c.event, c.callId, c.flags.recording]),
      [
        ['MixMonitorStart', CALL, 'on'],
        ['MixMonitorMute', CALL, 'paused'],
        ['MixMonitorMute', CALL, 'on'],
        ['MixMonitorStop', CALL, 'off'],
      ],
    );
    assert.equal(tracker.size, 0);
  });

  test('two recordings of one channel: the call is recorded until both stop; a hangup ends them all', () => {
    const tracker = new CallFlagsTracker({ source: 'pbx' });
    const started = run(tracker, events({ Event: 'MixMonitorStart', ...ANNA }, { Event: 'MixMonitorStart', ...ANNA }, { Event: 'MixMonitorStop', ...ANNA }));
    assert.deepEqual(started.map((c) => c.flags.recording), ['on']);
    assert.equal(tracker.flagsOf(CALL).recording, 'on');
    assert.deepEqual(run(tracker, events({ Event: 'Hangup', ...ANNA, Cause: '16' })).map((c) => c.flags), [NONE]);
  });

  test('a recording muted before we connected shows as paused', () => {
    const tracker = new CallFlagsTracker({ source: 'pbx' });
    assert.deepEqual(run(tracker, events({ Event: 'MixMonitorMute', ...ANNA, Direction: 'both', State: '1' })).map((c) => c.flags.recording), ['paused']);
  });

  test('the trunk holding is the other party\'s hold; both holds show together', () => {
    const tracker = new CallFlagsTracker({ source: 'pbx' });
    run(tracker, events({ Event: 'Hold', ...TRUNK, MusicClass: 'default' }));
    assert.deepEqual(tracker.flagsOf(CALL), { heldBy: [], remoteHold: true, recording: 'off' });
    run(tracker, events({ Event: 'Hold', ...ANNA }, { Event: 'MixMonitorStart', ...TRUNK }));
    assert.deepEqual(tracker.flagsOf(CALL), { heldBy: ['201'], remoteHold: true, recording: 'on' });
    run(tracker, events({ Event: 'Unhold', ...TRUNK }));
    assert.deepEqual(tracker.flagsOf(CALL), { heldBy: ['201'], remoteHold: false, recording: 'on' });
  });

  test('a held channel that moves to another call (new Linkedid) takes its hold along', () => {
    const tracker = new CallFlagsTracker({ source: 'pbx' });
    run(tracker, events({ Event: 'Hold', ...ANNA }));
    const moved = run(tracker, events({ Event: 'BridgeEnter', ...ANNA, Linkedid: '1795433200.9', BridgeUniqueid: 'b' }));
    assert.deepEqual(moved, [
      { event: 'BridgeEnter', callId: CALL, flags: NONE },
      { event: 'BridgeEnter', callId: 'pbx:1795433200.9', flags: { heldBy: ['201'], remoteHold: false, recording: 'off' } },
    ]);
  });

  test('events of other channels, repeated holds and flags of another source change nothing', () => {
    const tracker = new CallFlagsTracker({ source: 'pbx' });
    run(tracker, events({ Event: 'Hold', ...ANNA }));
    assert.deepEqual(run(tracker, events({ Event: 'Hold', ...ANNA }, { Event: 'Newstate', ...TRUNK }, { Event: 'Hangup', ...TRUNK, Cause: '16' })), []);
    assert.deepEqual(tracker.flagsOf('other:1795433159.0'), NONE);
  });

  test('forget (the call ended) and reset (a reconnect: Asterisk cannot list these) drop everything', () => {
    const tracker = new CallFlagsTracker({ source: 'pbx' });
    const other = channel('PJSIP/202-00000009', '1795433300.1', '1795433300.0');
    run(tracker, events({ Event: 'Hold', ...ANNA }, { Event: 'MixMonitorStart', ...other }));
    assert.equal(tracker.forget(CALL), true);
    assert.equal(tracker.forget(CALL), false);
    assert.deepEqual(tracker.flagsOf(CALL), NONE);
    assert.deepEqual(tracker.reset(), ['pbx:1795433300.0']);
    assert.deepEqual(tracker.flagsOf('pbx:1795433300.0'), NONE);
    assert.equal(tracker.size, 0);
    assert.deepEqual(tracker.reset(), []);
  });
});
