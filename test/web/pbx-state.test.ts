import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ExtensionState, ParkedCallState, PbxSnapshot, QueueState } from '../../web/src/api/types';
import { applyPbxChange, applyPbxFrame, NO_PBX, type PbxStates } from '../../web/src/realtime/pbx-state';

const ext = (extension: string, state: ExtensionState['state'] = 'idle', over: Partial<ExtensionState> = {}): ExtensionState => ({
  extension,
  state,
  dnd: false,
  forwarded: false,
  ...over,
});
const queue = (name: string, over: Partial<QueueState> = {}): QueueState => ({
  name,
  strategy: 'ringall',
  members: [],
  callers: [],
  longestWaitSince: null,
  completed: 0,
  abandoned: 0,
  ...over,
});
const parked = (space: string, over: Partial<ParkedCallState> = {}): ParkedCallState => ({
  lot: 'default',
  space,
  channel: `PJSIP/provider-${space}`,
  callerNum: '+4722334455',
  callerName: 'Kari Nordmann',
  parkedBy: 'PJSIP/201',
  since: 1000,
  timeoutAt: 46_000,
  ...over,
});
const snapshot = (): PbxSnapshot => ({
  extensions: [ext('201'), ext('203')],
  queues: [queue('sales'), queue('support', { completed: 4, abandoned: 1 })],
  parked: [parked('701')],
  trunks: [{ device: 'PJSIP/provider', channels: 0 }],
});
/** Deep-frozen, so any change made in place throws instead of passing unnoticed. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) frozen(child);
    Object.freeze(value);
  }
  return value;
}
const loaded = (): PbxStates => frozen(applyPbxFrame(NO_PBX, { type: 'pbx', source: 'pbx', snapshot: snapshot() }));
const change = (states: PbxStates, ...changes: Parameters<typeof applyPbxChange>[1][]) => applyPbxFrame(states, { type: 'pbx.change', source: 'pbx', changes });

describe('the PBX states the panel shows', () => {
  test('a snapshot becomes that source\'s state; a second one replaces it whole; other sources stay', () => {
    const one = loaded();
    assert.deepEqual(one, { pbx: snapshot() });
    const other: PbxSnapshot = { extensions: [ext('100')], queues: [], parked: [], trunks: [] };
    const two = applyPbxFrame(one, { type: 'pbx', source: 'branch', snapshot: other });
    assert.deepEqual(Object.keys(two).sort(), ['branch', 'pbx']);
    assert.equal(two.pbx, one.pbx, 'the untouched source is the same object');
    const reloaded = applyPbxFrame(two, { type: 'pbx', source: 'pbx', snapshot: { extensions: [ext('202', 'busy')], queues: [], parked: [], trunks: [] } });
    assert.deepEqual(reloaded.pbx?.extensions, [ext('202', 'busy')]);
    assert.deepEqual(reloaded.pbx?.queues, []);
    assert.equal(reloaded.branch, other);
  });

  test('a null snapshot removes the source; for a source not there it changes nothing', () => {
    const two = applyPbxFrame(loaded(), { type: 'pbx', source: 'branch', snapshot: { extensions: [], queues: [], parked: [], trunks: [] } });
    const gone = applyPbxFrame(two, { type: 'pbx', source: 'pbx', snapshot: null });
    assert.deepEqual(Object.keys(gone), ['branch']);
    assert.ok('pbx' in two, 'the state before is left as it was');
    const none = applyPbxFrame(gone, { type: 'pbx', source: 'branch', snapshot: null });
    assert.deepEqual(none, {});
    assert.equal(applyPbxFrame(none, { type: 'pbx', source: 'branch', snapshot: null }), none);
  });

  test('an extension change replaces that extension by its number, or adds it in order', () => {
    const before = loaded();
    const ringing = change(before, { kind: 'extension', extension: ext('201', 'ringing', { dnd: true }) });
    assert.deepEqual(ringing.pbx?.extensions, [ext('201', 'ringing', { dnd: true }), ext('203')]);
    assert.equal(before.pbx?.extensions[0]?.state, 'idle', 'the old state is not changed');
    assert.equal(ringing.pbx?.queues, before.pbx?.queues, 'what the change does not touch is kept as it is');
    const added = change(ringing, { kind: 'extension', extension: ext('202', 'unavailable') });
    assert.deepEqual(
      added.pbx?.extensions.map((e) => [e.extension, e.state]),
      [
        ['201', 'ringing'],
        ['202', 'unavailable'],
        ['203', 'idle'],
      ],
    );
  });

  test('a queue change replaces the whole queue by name: members, callers and counters', () => {
    const before = loaded();
    const caller = { uniqueid: '1795433290.13', channel: 'PJSIP/provider-0000000b', callerNum: '+4722334455', callerName: 'Kari Nordmann', position: 1, since: 5000 };
    const member = { interface: 'PJSIP/201', name: 'Agent 201', extension: '201', status: 'ringing' as const, paused: false, pausedReason: '', callsTaken: 3 };
    const waiting = queue('support', { members: [member], callers: [caller], longestWaitSince: 5000, completed: 4, abandoned: 1 });
    const after = change(before, { kind: 'queue', queue: waiting });
    assert.deepEqual(after.pbx?.queues, [queue('sales'), waiting]);
    assert.equal(after.pbx?.queues[0], before.pbx?.queues[0]);
    assert.deepEqual(before.pbx?.queues[1]?.callers, []);
    const answered = change(after, { kind: 'queue', queue: queue('support', { members: [member], completed: 5, abandoned: 1 }) });
    assert.deepEqual(answered.pbx?.queues[1]?.callers, []);
    assert.equal(answered.pbx?.queues[1]?.completed, 5);
    const added = change(answered, { kind: 'queue', queue: queue('accounts') });
    assert.deepEqual(
      added.pbx?.queues.map((q) => q.name),
      ['accounts', 'sales', 'support'],
    );
  });

  test('a parked call appears in its space and leaves it again; leaving an empty space changes nothing', () => {
    const before = loaded();
    const more = change(before, { kind: 'parked', lot: 'default', space: '702', call: parked('702', { callerNum: null }) });
    assert.deepEqual(
      more.pbx?.parked.map((p) => p.space),
      ['701', '702'],
    );
    // The same space in another lot is another place.
    const otherLot = change(more, { kind: 'parked', lot: 'vip', space: '701', call: parked('701', { lot: 'vip' }) });
    assert.equal(otherLot.pbx?.parked.length, 3);
    const left = change(otherLot, { kind: 'parked', lot: 'default', space: '701', call: null });
    assert.deepEqual(
      left.pbx?.parked.map((p) => `${p.lot}/${p.space}`),
      ['default/702', 'vip/701'],
    );
    assert.equal(before.pbx?.parked.length, 1);
    const snapshotBefore = left.pbx as PbxSnapshot;
    const again = change(left, { kind: 'parked', lot: 'default', space: '701', call: null });
    assert.equal(again.pbx, snapshotBefore, 'nothing was parked there: the same state');
  });

  test('a trunk change sets that trunk\'s channel count', () => {
    const before = loaded();
    const busy = change(before, { kind: 'trunk', trunk: { device: 'PJSIP/provider', channels: 2 } }, { kind: 'trunk', trunk: { device: 'IAX2/branch', channels: 1 } });
    assert.deepEqual(busy.pbx?.trunks, [
      { device: 'IAX2/branch', channels: 1 },
      { device: 'PJSIP/provider', channels: 2 },
    ]);
    assert.equal(before.pbx?.trunks[0]?.channels, 0);
  });

  test('changes in one frame apply in order; changes for a source not loaded yet start from an empty state', () => {
    const states = applyPbxFrame(NO_PBX, {
      type: 'pbx.change',
      source: 'new',
      changes: [
        { kind: 'extension', extension: ext('201', 'ringing') },
        { kind: 'extension', extension: ext('201', 'in_use') },
      ],
    });
    assert.deepEqual(states, { new: { extensions: [ext('201', 'in_use')], queues: [], parked: [], trunks: [] } });
    assert.deepEqual(NO_PBX, {});
  });

  test('a source named like an Object property is a source like any other', () => {
    const states = applyPbxFrame(NO_PBX, { type: 'pbx.change', source: 'constructor', changes: [{ kind: 'trunk', trunk: { device: 'PJSIP/x', channels: 1 } }] });
    assert.deepEqual(states.constructor, { extensions: [], queues: [], parked: [], trunks: [{ device: 'PJSIP/x', channels: 1 }] });
    assert.equal(applyPbxFrame(NO_PBX, { type: 'pbx', source: 'toString', snapshot: null }), NO_PBX);
  });
});
