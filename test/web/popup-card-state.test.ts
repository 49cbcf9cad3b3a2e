import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallView } from '../../web/src/api/types.js';
import { ANSWERED_ELSEWHERE_MS, applyCall, cardKind, ENDED_MS, expire, MAX_CARDS, visibleCards, type PopupCard } from '../../web/src/components/popup/card-state.js';

const ME = 1;
const call = (over: Partial<CallView> = {}): CallView => ({
  id: 'pbx:1', source: 'pbx', direction: 'inbound', phase: 'ringing', outcome: null, cause: null,
  remoteNumber: '+4722334455', remoteName: null, localNumber: null, queue: null,
  startedAt: 0, answeredAt: null, endedAt: null, ringMs: null, talkMs: null, closedByTimeout: false,
  legs: [], answeredBy: null, mine: { extension: '201', state: 'ringing', cause: null },
  identifying: true, identity: null, lookupFailures: [], flags: null, ...over,
});
const kindOf = (cards: PopupCard[]) => cards.map((card) => cardKind(card.call, ME));

describe('popup cards', () => {
  test('a call ringing for the user opens a card; outbound calls and other people\'s legs do not', () => {
    assert.equal(applyCall([], call(), ME, 0).length, 1);
    assert.equal(applyCall([], call({ direction: 'outbound', phase: 'dialing' }), ME, 0).length, 0);
    assert.equal(applyCall([], call({ mine: null }), ME, 0).length, 0);
    assert.equal(applyCall([], call({ mine: null, queue: 'Support' }), ME, 0).length, 1);
  });

  test('answered by a colleague: says so, then closes by itself', () => {
    let cards = applyCall([], call(), ME, 0);
    cards = applyCall(cards, call({ phase: 'answered', answeredBy: { extension: '202', userId: 2, userName: 'Per' }, mine: { extension: '201', state: 'ended', cause: 'answered_elsewhere' } }), ME, 1000);
    assert.deepEqual(kindOf(cards), ['answeredElsewhere']);
    assert.equal(cards[0]?.closeAt, 1000 + ANSWERED_ELSEWHERE_MS);
    // The end of the call does not restart the clock.
    cards = applyCall(cards, call({ phase: 'ended', outcome: 'answered', answeredBy: { extension: '202', userId: 2, userName: 'Per' } }), ME, 3000);
    assert.equal(cards[0]?.closeAt, 1000 + ANSWERED_ELSEWHERE_MS);
    assert.equal(expire(cards, 1000 + ANSWERED_ELSEWHERE_MS).length, 0);
  });

  test('answered by the user: in call, then ended and closed', () => {
    let cards = applyCall([], call(), ME, 0);
    cards = applyCall(cards, call({ phase: 'answered', answeredBy: { extension: '201', userId: ME, userName: 'Kari' }, mine: { extension: '201', state: 'answered', cause: null } }), ME, 10);
    assert.deepEqual(kindOf(cards), ['inCall']);
    assert.equal(cards[0]?.closeAt, null);
    cards = applyCall(cards, call({ phase: 'ended', outcome: 'answered', answeredBy: { extension: '201', userId: ME, userName: 'Kari' }, mine: { extension: '201', state: 'ended', cause: null } }), ME, 20);
    assert.deepEqual(kindOf(cards), ['ended']);
    assert.equal(cards[0]?.closeAt, 20 + ENDED_MS);
  });

  test('nobody answered: a missed card that stays', () => {
    let cards = applyCall([], call(), ME, 0);
    cards = applyCall(cards, call({ phase: 'ended', outcome: 'missed', cause: 'cancelled', mine: { extension: '201', state: 'ended', cause: 'cancelled' } }), ME, 10);
    assert.deepEqual(kindOf(cards), ['missed']);
    assert.equal(cards[0]?.closeAt, null);
  });

  test('the name stays when a later update comes without it', () => {
    let cards = applyCall([], call({ identifying: false, identity: { name: 'Ola', source: 'central' } }), ME, 0);
    cards = applyCall(cards, call({ phase: 'ended', outcome: 'missed', identifying: true, identity: null }), ME, 10);
    assert.equal(cards[0]?.call.identity?.name, 'Ola');
    assert.equal(cards[0]?.call.identifying, false);
  });

  test('a dismissed card does not come back, and goes when the call ends', () => {
    let cards = applyCall([], call(), ME, 0).map((card) => ({ ...card, dismissed: true }));
    cards = applyCall(cards, call({ identifying: false }), ME, 10);
    assert.equal(visibleCards(cards).length, 0);
    cards = applyCall(cards, call({ phase: 'ended', outcome: 'missed' }), ME, 20);
    assert.equal(cards.length, 0);
  });

  test('at most a few cards: old missed calls make room, ringing ones stay', () => {
    let cards: PopupCard[] = [];
    for (let i = 0; i < 3; i++) {
      cards = applyCall(cards, call({ id: `m${i}` }), ME, i);
      cards = applyCall(cards, call({ id: `m${i}`, phase: 'ended', outcome: 'missed' }), ME, i);
    }
    for (let i = 0; i < 3; i++) cards = applyCall(cards, call({ id: `r${i}` }), ME, 10 + i);
    assert.equal(visibleCards(cards).length, MAX_CARDS);
    assert.deepEqual(cards.map((card) => card.call.id).sort(), ['m2', 'r0', 'r1', 'r2']);
  });
});
