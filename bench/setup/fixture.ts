import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSwitchboard, type App, type Switchboard } from '../app.js';
import { FIXTURE_USERS } from '../options.js';
import { BENCH_DATA, ROOT } from '../paths.js';
import { ContactGenerator, type GeneratedContact } from './contacts-gen.js';
import { HISTORY_SOURCE, seedCallHistory } from './history-gen.js';

/** Bump when the data set changes shape in a way the hashed files below do not show. */
const FIXTURE_VERSION = 1;
const SEED = 20240502;
const BATCH = 5000;
export const SOURCE_NAME = 'bench';
/** Earlier calls per user in the seeded call log: about four a working day over three months. */
const HISTORY_PER_USER = 240;
const HISTORY_DAYS = 90;

export interface BenchUser {
  id: number;
  username: string;
  extension: string;
  token: string;
}

export interface Fixture {
  stamp: string;
  dataDir: string;
  builtAt: string;
  users: BenchUser[];
  source: { name: string; secret: string };
  contacts: number;
  /** Earlier calls in the call log (one party each). */
  historyCalls: number;
  numbers: number;
  invalidNumbers: number;
  /** The phonebook import: ContactsRepo.insertMany in batches of BATCH, normalization included. */
  importSeconds: number;
  contactsPerSecond: number;
  buildSeconds: number;
  databaseBytes: number;
}

const FIXTURE_FILE = path.join(BENCH_DATA, 'fixture.json');
const DATA_DIR = path.join(BENCH_DATA, 'switchboard');

/**
 * What the cached data depends on: the schema (migrations) and the generators. When any of it
 * changes, the data set is built again.
 */
function currentStamp(contacts: number): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ FIXTURE_VERSION, SEED, BATCH, users: FIXTURE_USERS, contacts }));
  const files = [
    ...readdirSync(path.join(ROOT, 'src/store/migrations')).map((f) => `src/store/migrations/${f}`),
    'bench/setup/contacts-gen.ts',
    'bench/setup/history-gen.ts',
    'bench/setup/numbers-gen.ts',
    'bench/setup/random.ts',
  ].sort();
  for (const file of files) hash.update(file).update(readFileSync(path.join(ROOT, file)));
  return hash.digest('hex').slice(0, 16);
}

function readFixture(): Fixture | undefined {
  if (!existsSync(FIXTURE_FILE)) return undefined;
  try {
    return JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as Fixture;
  } catch {
    return undefined;
  }
}

const extensionOf = (index: number) => String(1000 + index);

async function build(app: App, contacts: number, stamp: string, say: (line: string) => void): Promise<{ fixture: Fixture; sb: Switchboard }> {
  const started = performance.now();
  rmSync(FIXTURE_FILE, { force: true });
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const sb = await openSwitchboard(app, DATA_DIR);

  // One argon2 hash for everyone: hashing 1,000 passwords would take minutes and test nothing.
  const passwordHash = await app.hashPassword('bench-password');
  const names = new ContactGenerator(SEED ^ 0xabc, []);
  const users: BenchUser[] = [];
  for (let i = 0; i < FIXTURE_USERS; i++) {
    const { first, last } = names.personName();
    const username = `agent${String(i + 1).padStart(4, '0')}`;
    const row = await sb.repos.users.create({ username, displayName: `${first} ${last}`, role: 'user', passwordHash });
    const extension = extensionOf(i);
    await sb.repos.users.addDevice({ userId: row.id, kind: 'desk', extension, e164: null });
    const { token } = await sb.auth.createToken(row.id, 'bench');
    users.push({ id: row.id, username, extension, token });
  }
  const source = await sb.sources.add({ name: SOURCE_NAME, dialect: 'native' });
  say(`  ${users.length} users with an extension and an API token each, webhook source "${SOURCE_NAME}" (native, HMAC)`);

  const generator = new ContactGenerator(SEED, users.map((u) => u.id));
  const normalizer = sb.numbering.normalizer();
  let inserted = 0;
  let importMs = 0;
  let lastReport = performance.now();
  while (inserted < contacts) {
    const batch: GeneratedContact[] = [];
    for (let i = 0; i < Math.min(BATCH, contacts - inserted); i++) batch.push(generator.next());
    const t0 = performance.now();
    sb.repos.contacts.insertMany(batch, normalizer);
    importMs += performance.now() - t0;
    inserted += batch.length;
    if (performance.now() - lastReport > 5000 || inserted === contacts) {
      lastReport = performance.now();
      say(`  contacts: ${inserted.toLocaleString('en')} / ${contacts.toLocaleString('en')} (${Math.round(inserted / (importMs / 1000)).toLocaleString('en')} contacts/s in insertMany)`);
    }
  }
  const historyCalls = seedCallHistory(sb.store.sqlite, users, { perUser: HISTORY_PER_USER, days: HISTORY_DAYS, seed: SEED ^ 0x4157 });
  say(`  call log: ${historyCalls.toLocaleString('en')} earlier calls over ${HISTORY_DAYS} days (source "${HISTORY_SOURCE}")`);
  sb.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const counts = sb.store.sqlite
    .prepare(`SELECT count(*) AS numbers, sum(kind = 'invalid') AS invalid FROM contact_numbers`)
    .get() as { numbers: number; invalid: number };

  const fixture: Fixture = {
    stamp,
    dataDir: DATA_DIR,
    builtAt: new Date().toISOString(),
    users,
    source: { name: source.name, secret: source.secret! },
    contacts: inserted,
    historyCalls,
    numbers: counts.numbers,
    invalidNumbers: counts.invalid,
    importSeconds: importMs / 1000,
    contactsPerSecond: inserted / (importMs / 1000),
    buildSeconds: (performance.now() - started) / 1000,
    databaseBytes: statSync(sb.store.file).size,
  };
  writeFileSync(FIXTURE_FILE, `${JSON.stringify(fixture, null, 1)}\n`, { mode: 0o600 });
  return { fixture, sb };
}

/**
 * The data set under bench/.data/: built on first use (or when stale), reused afterwards. Each
 * run starts from the seeded call log alone, so earlier runs do not weigh on it.
 */
export async function prepareFixture(
  app: App,
  options: { contacts: number; rebuild: boolean },
  say: (line: string) => void,
): Promise<{ fixture: Fixture; sb: Switchboard; built: boolean }> {
  const stamp = currentStamp(options.contacts);
  const cached = readFixture();
  if (!options.rebuild && cached?.stamp === stamp && existsSync(path.join(cached.dataDir, 'switchboard.db'))) {
    const sb = await openSwitchboard(app, cached.dataDir);
    // The seeded call log stays; calls of earlier bench runs go.
    const cleared = sb.store.sqlite.prepare('DELETE FROM calls WHERE source = ?').run(SOURCE_NAME).changes;
    sb.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    say(`data set: cached (built ${cached.builtAt}, ${cached.contacts.toLocaleString('en')} contacts${cleared ? `; cleared ${cleared} calls of earlier runs` : ''})`);
    return { fixture: cached, sb, built: false };
  }
  say(cached ? 'data set: out of date, building it again…' : 'data set: building it (first run; cached afterwards)…');
  const result = await build(app, options.contacts, stamp, say);
  say(
    `data set: built in ${result.fixture.buildSeconds.toFixed(0)} s; import ${Math.round(result.fixture.contactsPerSecond).toLocaleString('en')} contacts/s, ` +
      `${result.fixture.numbers.toLocaleString('en')} numbers (${result.fixture.invalidNumbers.toLocaleString('en')} not normalizable), ` +
      `database ${(result.fixture.databaseBytes / 1e6).toFixed(0)} MB`,
  );
  return { ...result, built: true };
}
