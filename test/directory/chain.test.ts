import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Identity } from '../../src/domain/calls/identity.js';
import { compileNumbering } from '../../src/domain/phone/normalize.js';
import type { NormalizedNumber } from '../../src/domain/phone/normalize.js';
import { DirectoryChain } from '../../src/directory/chain.js';
import type { DirectorySource, LookupContext } from '../../src/directory/source.js';

const numbers = compileNumbering({ defaultRegion: 'NO', outsideLinePrefix: '', extensionPattern: '\\d{3}' });
const external = numbers.normalize('+47 22 33 44 55');
const internal = numbers.normalize('201');

/** A source that answers from a table, after a delay, counting the questions it got. */
class FakeSource implements DirectorySource {
  asked = 0;
  aborted = 0;
  constructor(
    readonly name: string,
    private readonly answers: Record<string, Identity>,
    private readonly options: { delayMs?: number; fail?: string; external?: boolean; perUser?: boolean } = {},
  ) {}
  get external() {
    return this.options.external ?? false;
  }
  get perUser() {
    return this.options.perUser ?? false;
  }
  async lookup(number: NormalizedNumber, context: LookupContext): Promise<Identity | null> {
    this.asked++;
    context.signal.addEventListener('abort', () => this.aborted++);
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    if (this.options.fail) throw new Error(this.options.fail);
    return this.answers[number.e164 ?? number.raw] ?? null;
  }
}

const kari: Identity = { name: 'Kari', source: 'central' };

describe('the directory chain', () => {
  test('asks sources in order and stops at the first that knows the number', async () => {
    const first = new FakeSource('first', {});
    const second = new FakeSource('second', { '+4722334455': kari });
    const third = new FakeSource('third', { '+4722334455': { name: 'Not me', source: 'x' } });
    const chain = new DirectoryChain([first, second, third], { timeoutMs: 100, cacheMs: 0, cacheSize: 0 });
    const result = await chain.identify(external, 1);
    assert.deepEqual(result.identity, kari);
    assert.deepEqual([first.asked, second.asked, third.asked], [1, 1, 0]);
    assert.deepEqual(result.failures, []);
  });

  test('a slow source is given up after the timeout, reported, and the next one answers', async () => {
    const slow = new FakeSource('crm', { '+4722334455': { name: 'Too late', source: 'crm' } }, { delayMs: 300 });
    const phonebook = new FakeSource('phonebook', { '+4722334455': kari });
    const chain = new DirectoryChain([slow, phonebook], { timeoutMs: 30, cacheMs: 60_000, cacheSize: 10 });
    const started = performance.now();
    const result = await chain.identify(external, 1);
    assert.ok(performance.now() - started < 200, 'did not wait for the slow source');
    assert.deepEqual(result.identity, kari);
    assert.deepEqual(result.failures, [{ source: 'crm', error: 'no answer within 30 ms' }]);
    assert.equal(slow.aborted, 1, 'the slow lookup was told to stop');
  });

  test('a failing source is reported and does not stop the chain', async () => {
    const broken = new FakeSource('ldap', {}, { fail: 'connection refused' });
    const phonebook = new FakeSource('phonebook', { '+4722334455': kari });
    const result = await new DirectoryChain([broken, phonebook], { timeoutMs: 100, cacheMs: 0, cacheSize: 0 }).identify(external, 1);
    assert.deepEqual(result.identity, kari);
    assert.deepEqual(result.failures, [{ source: 'ldap', error: 'connection refused' }]);
  });

  test('answers are cached per user and number until invalidated', async () => {
    const source = new FakeSource('phonebook', { '+4722334455': kari });
    const chain = new DirectoryChain([source], { timeoutMs: 100, cacheMs: 60_000, cacheSize: 10 });
    assert.equal((await chain.identify(external, 1)).cached, false);
    assert.equal((await chain.identify(external, 1)).cached, true);
    assert.equal((await chain.identify(external, 2)).cached, false, 'another user may have other private contacts');
    assert.equal(source.asked, 2);
    chain.invalidate();
    assert.equal((await chain.identify(external, 1)).cached, false);
    assert.equal(source.asked, 3);
  });

  test('"nobody knows" is cached, but not when a source failed', async () => {
    const flaky = new FakeSource('crm', {}, { fail: 'timeout' });
    const chain = new DirectoryChain([flaky], { timeoutMs: 100, cacheMs: 60_000, cacheSize: 10 });
    await chain.identify(external, 1);
    await chain.identify(external, 1);
    assert.equal(flaky.asked, 2, 'a failure is retried');
    const empty = new FakeSource('phonebook', {});
    const clean = new DirectoryChain([empty], { timeoutMs: 100, cacheMs: 60_000, cacheSize: 10 });
    await clean.identify(external, 1);
    const again = await clean.identify(external, 1);
    assert.equal(again.cached, true);
    assert.equal(again.identity, null);
    assert.equal(empty.asked, 1);
  });

  test('internal extensions never reach external sources', async () => {
    const crm = new FakeSource('crm', { '201': { name: 'Leak', source: 'crm' } }, { external: true });
    const colleagues = new FakeSource('users', { '201': { name: 'Kari', source: 'users' } });
    const result = await new DirectoryChain([crm, colleagues], { timeoutMs: 100, cacheMs: 0, cacheSize: 0 }).identify(internal, 1);
    assert.equal(result.identity?.name, 'Kari');
    assert.equal(crm.asked, 0);
  });

  test('the cache forgets its oldest entries beyond its size', async () => {
    const source = new FakeSource('phonebook', {});
    const chain = new DirectoryChain([source], { timeoutMs: 100, cacheMs: 60_000, cacheSize: 2 });
    for (const user of [1, 2, 3]) await chain.identify(external, user);
    await chain.identify(external, 3);
    assert.equal(source.asked, 3, 'the newest is still cached');
    await chain.identify(external, 1);
    assert.equal(source.asked, 4, 'the oldest was evicted');
  });
});
