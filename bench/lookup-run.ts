import { performance } from 'node:perf_hooks';
import type { Switchboard } from './app.js';
import type { Fixture } from './setup/fixture.js';
import { Random } from './setup/random.js';
import type { CallerSamples } from './setup/samples.js';
import { summarize, type Summary } from './stats.js';

export type LookupKind = 'e164' | 'private' | 'suffix' | 'unknown';
export type SearchKind = 'prefix' | 'substring' | 'number';
export type CallLogKind = 'own' | 'ownMissed' | 'all' | 'allByNumber' | 'allByWholeNumber';

export interface LookupResults {
  /** ContactsRepo.lookupByNumber, per kind of caller and all together. */
  repo: Record<LookupKind | 'all', Summary>;
  /** The server's DirectoryChain (sb.directory) with its cache off: what each popup waits for. */
  chain: Record<LookupKind | 'all', Summary>;
  /** Reading the caller id (normalize, origin pbx), done once per call before the lookup. */
  normalize: Summary;
  search: Record<SearchKind, Summary>;
  /** A page (50) of the call log, as the API reads it. */
  callLog: Record<CallLogKind, Summary>;
  /** Known callers the lookup did not name correctly (0 expected). */
  wrong: number;
}

interface Task {
  kind: LookupKind;
  number: string;
  userId: number;
  expected: string | null;
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function tasksFor(samples: CallerSamples, fixture: Fixture, perKind: number, random: Random): Task[] {
  const anyUser = () => random.pick(fixture.users).id;
  const take = <T>(list: T[], make: (item: T) => Task): Task[] => {
    const out: Task[] = [];
    for (let i = 0; i < perKind && list.length > 0; i++) out.push(make(list[i % list.length]!));
    return out;
  };
  return shuffle(
    [
      ...take(samples.shared, (c) => ({ kind: 'e164', number: c.number, userId: anyUser(), expected: c.name })),
      ...take(samples.private, (c) => ({ kind: 'private', number: c.number, userId: c.ownerId!, expected: c.name })),
      ...take(samples.suffix, (c) => ({ kind: 'suffix', number: c.number, userId: anyUser(), expected: c.name })),
      ...take(samples.unknown, (n) => ({ kind: 'unknown', number: n, userId: anyUser(), expected: null })),
    ],
    random,
  );
}

async function timeAll(tasks: Task[], lookup: (task: Task) => Promise<string | null>): Promise<{ times: Map<LookupKind, number[]>; wrong: number }> {
  const times = new Map<LookupKind, number[]>();
  let wrong = 0;
  for (const task of tasks) {
    const t0 = performance.now();
    const name = await lookup(task);
    const elapsed = performance.now() - t0;
    if (name !== task.expected) wrong++;
    let list = times.get(task.kind);
    if (!list) times.set(task.kind, (list = []));
    list.push(elapsed);
  }
  return { times, wrong };
}

function byKind(times: Map<LookupKind, number[]>): Record<LookupKind | 'all', Summary> {
  const get = (kind: LookupKind) => summarize(times.get(kind) ?? []);
  return { e164: get('e164'), private: get('private'), suffix: get('suffix'), unknown: get('unknown'), all: summarize([...times.values()].flat()) };
}

/** Search queries people type: a name's start, a piece of a name or company, digits of a number. */
function searchQueries(samples: CallerSamples, count: number, random: Random): Record<SearchKind, string[]> {
  const named = [...samples.shared, ...samples.suffix];
  const words = (name: string) => name.replace(/,/g, '').split(/\s+/).filter((w) => w.length >= 4);
  const queries: Record<SearchKind, string[]> = { prefix: [], substring: [], number: [] };
  for (let i = 0; i < count; i++) {
    const caller = random.pick(named);
    const first = caller.name.includes(',') ? caller.name.split(',')[1]!.trim() : caller.name;
    queries.prefix.push(first.slice(0, random.int(3, 5)));
    const word = random.pick(words(caller.name).length ? words(caller.name) : [caller.name]);
    const start = random.int(1, Math.max(1, word.length - 4));
    queries.substring.push(word.slice(start, start + random.int(4, 5)));
    const digits = caller.number.slice(3);
    const length = random.int(5, 8);
    const at = random.int(0, Math.max(0, digits.length - length));
    queries.number.push(digits.slice(at, at + length));
  }
  return queries;
}

/**
 * Lookup and search latency, in this process against the same database file, with the server
 * not running: each lookup is timed alone, one after the other, in random order.
 */
export async function runLookups(
  sb: Switchboard,
  fixture: Fixture,
  samples: CallerSamples,
  options: { lookups: number; searches: number; seed: number },
): Promise<LookupResults> {
  const random = new Random(options.seed);
  const normalizer = sb.numbering.normalizer();
  const contacts = sb.repos.contacts;
  // Opened with identify.cacheSeconds = 0 (see openSwitchboard), so every identify asks the sources.
  const chain = sb.directory;
  // Warm the JIT on both paths first.
  const warm = tasksFor(samples, fixture, 300, new Random(options.seed + 1));
  for (const t of warm) {
    await contacts.lookupByNumber(normalizer.normalize(t.number, 'pbx'), t.userId);
    await chain.identify(normalizer.normalize(t.number, 'pbx'), t.userId);
  }

  const tasks = tasksFor(samples, fixture, options.lookups, random);
  // Normalization is timed on its own and kept out of the lookup figures below.
  const normalized = new Map(tasks.map((t) => [t.number, normalizer.normalize(t.number, 'pbx')]));
  const repoRun = await timeAll(tasks, async (t) => (await contacts.lookupByNumber(normalized.get(t.number)!, t.userId))?.contact.name ?? null);
  const chainRun = await timeAll(shuffle([...tasks], random), async (t) => {
    const result = await chain.identify(normalized.get(t.number)!, t.userId);
    if (result.cached) throw new Error('the directory answered from its cache; lookups must reach the database');
    return result.identity?.name ?? null;
  });

  const normalizeTimes: number[] = [];
  for (const t of tasks) {
    const t0 = performance.now();
    normalizer.normalize(t.number, 'pbx');
    normalizeTimes.push(performance.now() - t0);
  }

  const queries = searchQueries(samples, options.searches, random);
  const search = {} as Record<SearchKind, Summary>;
  for (const kind of ['prefix', 'substring', 'number'] as const) {
    for (const q of queries[kind].slice(0, 20)) await contacts.search(q, { userId: random.pick(fixture.users).id, isAdmin: false });
    const times: number[] = [];
    for (const q of queries[kind]) {
      const viewer = { userId: random.pick(fixture.users).id, isAdmin: false };
      const t0 = performance.now();
      await contacts.search(q, viewer);
      times.push(performance.now() - t0);
    }
    search[kind] = summarize(times);
  }

  const callLog = {} as Record<CallLogKind, Summary>;
  const admin = fixture.users[0]!.id;
  const pages: Record<CallLogKind, () => Parameters<Switchboard['repos']['calls']['list']>> = {
    own: () => {
      const user = random.pick(fixture.users).id;
      return [{ userId: user, limit: 50 }, user];
    },
    ownMissed: () => {
      const user = random.pick(fixture.users).id;
      return [{ userId: user, outcome: ['missed'], direction: 'inbound', limit: 50 }, user];
    },
    all: () => [{ limit: 50 }, admin],
    allByNumber: () => [{ number: String(random.int(1000, 9999)), limit: 50 }, admin],
    allByWholeNumber: () => {
      const number = normalized.get(random.pick(tasks).number)!;
      return [{ number: number.raw, e164: number.e164 ?? undefined, limit: 50 }, admin];
    },
  };
  for (const kind of ['own', 'ownMissed', 'all', 'allByNumber', 'allByWholeNumber'] as const) {
    const times: number[] = [];
    for (let i = 0; i < options.searches + 20; i++) {
      const args = pages[kind]();
      const t0 = performance.now();
      await sb.repos.calls.list(...args);
      if (i >= 20) times.push(performance.now() - t0);
    }
    callLog[kind] = summarize(times);
  }

  return { repo: byKind(repoRun.times), chain: byKind(chainRun.times), normalize: summarize(normalizeTimes), search, callLog, wrong: repoRun.wrong + chainRun.wrong };
}
