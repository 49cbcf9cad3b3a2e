import type { Switchboard } from '../app.js';
import { callerIdForLocalForm, e164Of, PLANS, unknownNsn } from './numbers-gen.js';
import { Random } from './random.js';

/** A caller the phonebook knows, and who should see the name. */
export interface KnownCaller {
  /** As the phone system sends it (E.164). */
  number: string;
  name: string;
  /** 'e164' for stored numbers that normalized, 'suffix' for local forms matched by their last digits. */
  match: 'e164' | 'suffix';
  /** A private contact: only its owner sees the name, so only the owner's phone may ring. */
  ownerId: number | null;
}

export interface CallerSamples {
  shared: KnownCaller[];
  private: KnownCaller[];
  suffix: KnownCaller[];
  /** Valid numbers no contact has (neither exactly nor by suffix). */
  unknown: string[];
}

interface Row {
  e164: string | null;
  digits: string;
  kind: string;
  name: string;
  owner_id: number | null;
  visibility: string;
}

/**
 * Callers drawn from the data set itself: random stored numbers (so the index is hit all over,
 * not in a warm corner), sorted by how they are found; and numbers nobody has.
 */
export function drawCallers(sb: Switchboard, seed: number, wanted: number): CallerSamples {
  const random = new Random(seed);
  const sqlite = sb.store.sqlite;
  const maxId = (sqlite.prepare('SELECT max(id) FROM contact_numbers').pluck().get() as number | null) ?? 0;
  const byId = sqlite.prepare(
    `SELECT n.e164, n.digits, n.kind, c.name, c.owner_id, c.visibility FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id WHERE n.id = ?`,
  );
  const samples: CallerSamples = { shared: [], private: [], suffix: [], unknown: [] };
  const seen = new Set<string>();
  for (let attempt = 0; attempt < wanted * 4 && samples.shared.length < wanted; attempt++) {
    const row = byId.get(random.int(1, maxId)) as Row | undefined;
    if (!row) continue;
    const shared = row.visibility === 'central' || row.visibility === 'public';
    if (row.e164) {
      if (seen.has(row.e164)) continue;
      seen.add(row.e164);
      const caller: KnownCaller = { number: row.e164, name: row.name, match: 'e164', ownerId: shared ? null : row.owner_id };
      (shared ? samples.shared : samples.private).push(caller);
    } else if (row.kind === 'invalid' && shared) {
      const number = callerIdForLocalForm(row.digits);
      if (number && !seen.has(number)) {
        seen.add(number);
        samples.suffix.push({ number, name: row.name, match: 'suffix', ownerId: null });
      }
    }
  }

  // Unknown numbers come from the top of each plan's block, which the generator never reaches;
  // a stored local form could still share the last digits, so check.
  const stored = sqlite.prepare(
    `SELECT 1 FROM contact_numbers WHERE e164 = ? OR (suffix = ? AND e164 IS NULL) LIMIT 1`,
  ).pluck();
  const normalizer = sb.numbering.normalizer();
  for (let n = 0; samples.unknown.length < wanted && n < wanted * 4; n++) {
    const plan = PLANS[n % PLANS.length]!;
    const number = e164Of(plan, unknownNsn(plan, Math.floor(n / PLANS.length)));
    const normalized = normalizer.normalize(number, 'pbx');
    // The store's suffix key is the last eight digits (SUFFIX_LENGTH in src/domain/phone/suffix.ts).
    if (!normalized.e164 || stored.get(normalized.e164, normalized.digits.slice(-8)) !== undefined) continue;
    samples.unknown.push(number);
  }
  return samples;
}
