/** How a bench run is shaped; defaults are the scenario, `--quick` shrinks the timings. */
export interface BenchOptions {
  quick: boolean;
  /** Connected WebSocket clients, one per user (at most FIXTURE_USERS). */
  clients: number;
  contacts: number;
  /** Calls per second during the popup run. */
  rate: number;
  /** Seconds of calls measured, after `warmup` seconds of the same load that are not. */
  duration: number;
  warmup: number;
  /** Seconds and requests in flight for the ingest run. */
  ingestSeconds: number;
  concurrency: number;
  /** Lookups timed per kind of number, and searches per kind of query. */
  lookups: number;
  searches: number;
  /** Record a CPU profile of the server process (bench/.data/profiles). */
  profile: boolean;
  /** Build the data set again even when the cached one is current. */
  rebuild: boolean;
  /** Leave bench/README.md alone even on a full run. */
  noReadme: boolean;
  /** Which sections run: everything, only the AMI section, or only the server and lookup sections. */
  only: OnlyChoice;
  /** Events (at least; whole loops of the recordings) in the AMI replay stream. */
  amiEvents: number;
  /** Answered calls held at once for the AMI memory figure. */
  amiCalls: number;
}

export const ONLY_CHOICES = ['all', 'ami', 'server'] as const;
export type OnlyChoice = (typeof ONLY_CHOICES)[number];

/** Users (and extensions) in the data set; fixed so that changing --clients keeps the cache. */
export const FIXTURE_USERS = 1000;

const FULL: BenchOptions = {
  quick: false,
  clients: FIXTURE_USERS,
  contacts: 1_000_000,
  rate: 200,
  duration: 15,
  warmup: 3,
  ingestSeconds: 5,
  concurrency: 32,
  lookups: 5000,
  searches: 200,
  profile: false,
  rebuild: false,
  noReadme: false,
  only: 'all',
  amiEvents: 300_000,
  amiCalls: 10_000,
};

const QUICK: Partial<BenchOptions> = { quick: true, duration: 5, warmup: 1, ingestSeconds: 2, lookups: 1000, searches: 50, amiEvents: 100_000 };

const NUMERIC = ['clients', 'contacts', 'rate', 'duration', 'warmup', 'ingestSeconds', 'concurrency', 'lookups', 'searches', 'amiEvents', 'amiCalls'] as const;
type NumericKey = (typeof NUMERIC)[number];
const FLAGS = ['quick', 'profile', 'rebuild', 'noReadme'] as const;
type FlagKey = (typeof FLAGS)[number];
const CHOICES = { only: ONLY_CHOICES } as const;
type ChoiceKey = keyof typeof CHOICES;
const CHOICE_KEYS = Object.keys(CHOICES) as ChoiceKey[];

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const envName = (key: string) => `BENCH_${kebab(key).replace(/-/g, '_').toUpperCase()}`;

export const USAGE = `npm run bench [-- options]

  --quick               short run (${QUICK.warmup} s warm-up, ${QUICK.duration} s of calls, ${QUICK.ingestSeconds} s ingest); README is not updated
  --duration=S          seconds of measured calls (default ${FULL.duration})
  --warmup=S            seconds of unmeasured calls first (default ${FULL.warmup})
  --rate=N              calls per second (default ${FULL.rate})
  --clients=N           connected WebSocket clients, 1..${FIXTURE_USERS} (default ${FULL.clients})
  --contacts=N          contacts in the data set (default ${FULL.contacts}; another value rebuilds it)
  --ingest-seconds=S    length of the ingest throughput run (default ${FULL.ingestSeconds})
  --concurrency=N       webhook requests in flight during the ingest run (default ${FULL.concurrency})
  --lookups=N           lookups timed per kind of number (default ${FULL.lookups})
  --searches=N          searches timed per kind of query (default ${FULL.searches})
  --only=ami|server     run only the AMI section (parse and track, memory per call; no data set, no server)
                        or only the rest (default: all, the AMI section first)
  --ami-events=N        events in the AMI replay stream, at least (default ${FULL.amiEvents}, quick ${QUICK.amiEvents})
  --ami-calls=N         answered calls held at once for the AMI memory figure (default ${FULL.amiCalls})
  --profile             write a CPU profile of the server to bench/.data/profiles/
  --rebuild             rebuild the cached data set
  --no-readme           do not write the results into bench/README.md

Every option can also be given as an environment variable: BENCH_DURATION=30, BENCH_QUICK=1, …`;

/** Reads `--key=value`, `--key value` and BENCH_KEY=value; arguments win over the environment. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | 'help' {
  const given = new Map<string, string>();
  const keys = [...NUMERIC, ...FLAGS, ...CHOICE_KEYS];
  for (const key of keys) {
    const value = env[envName(key)];
    if (value !== undefined && value !== '') given.set(key, value);
  }
  const byFlag = new Map<string, NumericKey | FlagKey | ChoiceKey>(keys.map((key) => [`--${kebab(key)}`, key]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = byFlag.get(flag);
    if (!key) throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    if ((FLAGS as readonly string[]).includes(key)) given.set(key, inline ?? 'true');
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`${flag} needs a value`);
      given.set(key, value);
    }
  }

  const quick = ['1', 'true', 'yes'].includes(given.get('quick') ?? '');
  const options: BenchOptions = { ...FULL, ...(quick ? QUICK : {}) };
  for (const key of FLAGS) {
    const value = given.get(key);
    if (value !== undefined) options[key] = ['1', 'true', 'yes'].includes(value.toLowerCase());
  }
  for (const key of NUMERIC) {
    const value = given.get(key);
    if (value === undefined) continue;
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0) throw new Error(`--${kebab(key)}: expected a number ≥ 0, got ${JSON.stringify(value)}`);
    options[key] = number;
  }
  for (const key of CHOICE_KEYS) {
    const value = given.get(key);
    if (value === undefined) continue;
    const choice = CHOICES[key].find((c) => c === value.toLowerCase());
    if (choice === undefined) throw new Error(`--${kebab(key)}: expected one of ${CHOICES[key].join(', ')}, got ${JSON.stringify(value)}`);
    options[key] = choice;
  }
  if (!Number.isInteger(options.clients) || options.clients < 1 || options.clients > FIXTURE_USERS) {
    throw new Error(`--clients: expected 1..${FIXTURE_USERS}, got ${options.clients}`);
  }
  if (!Number.isInteger(options.contacts) || options.contacts < 1000) throw new Error(`--contacts: expected a whole number ≥ 1000`);
  if (options.rate <= 0 || options.duration <= 0) throw new Error('--rate and --duration must be above 0');
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new Error('--concurrency: expected a whole number ≥ 1');
  if (!Number.isInteger(options.amiEvents) || options.amiEvents < 1000) throw new Error('--ami-events: expected a whole number ≥ 1000');
  if (!Number.isInteger(options.amiCalls) || options.amiCalls < 100) throw new Error('--ami-calls: expected a whole number ≥ 100');
  return options;
}

/** Only a full run with the scenario may replace the figures in the README. */
export function isReferenceRun(options: BenchOptions, env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    !env.BENCH_DIST &&
    !options.quick &&
    !options.noReadme &&
    !options.profile &&
    options.clients === FULL.clients &&
    options.contacts === FULL.contacts &&
    options.rate === FULL.rate &&
    options.duration >= FULL.duration &&
    options.only !== 'ami'
  );
}

/** The same for the AMI section's figures, which a run with `--only=ami` may write on their own. */
export function isAmiReferenceRun(options: BenchOptions, env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    !env.BENCH_DIST &&
    !options.quick &&
    !options.noReadme &&
    options.only !== 'server' &&
    options.amiEvents >= FULL.amiEvents &&
    options.amiCalls === FULL.amiCalls
  );
}
