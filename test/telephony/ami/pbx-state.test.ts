import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AmiFrameParser, type AmiMessage } from '../../../src/telephony/ami/frame-parser.js';
import { PbxState, type PbxChange } from '../../../src/telephony/ami/pbx-state.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/ami/', import.meta.url));

function messages(file: string): AmiMessage[] {
  const out: AmiMessage[] = [];
  new AmiFrameParser({ onMessage: (m) => out.push(m) }).push(readFileSync(FIXTURES + file));
  return out;
}

const replay = (state: PbxState, list: AmiMessage[]): PbxChange[] => list.flatMap((m) => state.handle(m));

describe('PBX state for the operator panel', () => {
  test('loads extension states and queues from the list actions (recorded answers)', () => {
    let now = 1_000_000;
    const state = new PbxState({ clock: () => now });
    const lists = messages('actions-misc.ami').filter((m) => m.actionId !== undefined && m.kind === 'event');
    state.load(lists);
    const snapshot = state.snapshot();
    assert.deepEqual(
      snapshot.extensions.map((e) => [e.extension, e.state]),
      [
        ['201', 'idle'],
        ['202', 'idle'],
        ['203', 'idle'],
      ],
    );
    const support = snapshot.queues.find((q) => q.name === 'support');
    assert.equal(support?.strategy, 'ringall');
    assert.equal(support?.completed, 1);
    assert.deepEqual(
      support?.members.map((m) => [m.interface, m.name, m.extension, m.status, m.paused, m.callsTaken]),
      [
        ['Local/201@phones', 'Agent 201', '201', 'in_use', false, 0],
        ['Local/202@phones', 'Agent 202', '202', 'idle', false, 1],
      ],
    );
    now += 1;
  });

  test('a queue call: the caller waits, members ring, one answers, the counters move', () => {
    let now = 5_000_000;
    const state = new PbxState({ clock: () => now });
    const changes: PbxChange[] = [];
    for (const m of messages('pjsip/inbound-queue.ami')) {
      now += 100;
      changes.push(...state.handle(m));
    }
    const queueViews = changes.filter((c) => c.kind === 'queue').map((c) => (c as Extract<PbxChange, { kind: 'queue' }>).queue);
    const waiting = queueViews.find((q) => q.callers.length === 1);
    assert.equal(waiting?.callers[0]?.callerNum, '+4722334455');
    assert.equal(waiting?.callers[0]?.callerName, 'Kari Nordmann');
    assert.equal(typeof waiting?.longestWaitSince, 'number');
    assert.ok(queueViews.some((q) => q.members.some((m) => m.extension === '202' && m.status === 'ringing')), '202 rang');
    const end = state.snapshot().queues.find((q) => q.name === 'support');
    assert.deepEqual(end?.callers, []);
    assert.equal(end?.longestWaitSince, null);
    assert.equal(end?.completed, 1);
    const ringing = changes.filter((c) => c.kind === 'extension' && c.extension.state === 'ringing').map((c) => (c as Extract<PbxChange, { kind: 'extension' }>).extension.extension);
    assert.deepEqual([...new Set(ringing)].sort(), ['201', '202']);
    assert.deepEqual(state.snapshot().trunks, [{ device: 'PJSIP/provider', channels: 0 }]);
    assert.ok(changes.some((c) => c.kind === 'trunk' && c.trunk.channels === 1), 'the trunk showed the call while it lasted');
  });

  test('a parked call appears in its space and leaves when picked up', () => {
    const state = new PbxState({ clock: () => 9_000_000 });
    const changes = replay(state, messages('pjsip/inbound-parked.ami')).filter((c) => c.kind === 'parked');
    assert.deepEqual(
      changes.map((c) => [c.kind === 'parked' && c.space, c.kind === 'parked' && c.call?.callerNum, c.kind === 'parked' && c.call?.parkedBy]),
      [
        ['701', '+4722334455', 'PJSIP/201'],
        ['701', undefined, undefined],
      ],
    );
    const parked = changes[0] as Extract<PbxChange, { kind: 'parked' }>;
    assert.equal(parked.call?.timeoutAt, 9_000_000 + 45_000);
    assert.deepEqual(state.snapshot().parked, []);
  });

  test('DND and forwarding flags survive a reload', () => {
    const state = new PbxState();
    state.handle({ kind: 'event', name: 'ExtensionStatus', fields: { Exten: '201', Status: '0' }, actionId: undefined, multi: undefined });
    assert.deepEqual(state.setFlags('201', { dnd: true }).length, 1);
    assert.deepEqual(state.setFlags('201', { dnd: true }), [], 'no change, nothing to push');
    state.load([{ kind: 'event', name: 'ExtensionStatus', fields: { Exten: '201', Status: '1' }, actionId: 'x', multi: undefined }]);
    assert.deepEqual(state.snapshot().extensions, [{ extension: '201', state: 'in_use', dnd: true, forwarded: false }]);
  });

  test("an extension's hint names the phone click-to-call rings", () => {
    const state = new PbxState();
    const status = (Exten: string, Hint: string) => ({ kind: 'event' as const, name: 'ExtensionStatus', fields: { Exten, Hint, Status: '0' }, actionId: 'x', multi: undefined });
    state.load([status('201', 'SIP/201&Custom:DND201'), status('202', 'Custom:202'), status('203', 'PJSIP/203,CustomPresence:203')]);
    assert.equal(state.deviceOf('201'), 'SIP/201');
    assert.equal(state.deviceOf('202'), undefined, 'a custom device state is no phone');
    assert.equal(state.deviceOf('203'), 'PJSIP/203');
    assert.equal(state.deviceOf('204'), undefined);
  });
});
