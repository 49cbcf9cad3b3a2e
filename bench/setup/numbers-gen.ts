import type { Random } from './random.js';

export type Country = 'NO' | 'DE' | 'SE' | 'IT';

/**
 * One block of numbers: country code, the leading digits of the national number and how many
 * digits follow. Numbers are handed out by index through a fixed permutation of the block, so
 * every index gives a different number (no two contacts share one by accident) and indexes
 * from the top of the block are numbers the phonebook never contains (the unknown callers).
 */
export interface NumberPlan {
  id: string;
  country: Country;
  countryCode: string;
  /** Leading digits of the national significant number ('9', '30', '02'). */
  lead: string;
  /** Digits after the lead. */
  free: number;
  /** National trunk prefix written in front at home ('0' in DE and SE; IT and NO have none). */
  trunk: string;
  mobile: boolean;
  /** How people write such a number, by weight; `local` forms do not normalize in a NO install. */
  formats: readonly (readonly [Format, number])[];
}

/** `nsn` is the national significant number ('91234567', '3012345678', '0212345678'). */
type Format = (nsn: string, plan: NumberPlan) => string;

const group = (digits: string, sizes: number[]): string => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.join(' ');
};

const afterLead = (nsn: string, plan: NumberPlan) => nsn.slice(plan.lead.length);

// Norway: written with or without +47, grouped the Norwegian way.
const noMobile: Format = (nsn) => group(nsn, [3, 2, 3]);
const noLandline: Format = (nsn) => group(nsn, [2, 2, 2, 2]);
const noPlus = (inner: Format): Format => (nsn, plan) => `+47 ${inner(nsn, plan)}`;
const noCompact: Format = (nsn) => nsn;
const no0047: Format = (nsn) => `0047 ${nsn}`;
const noBracketZero: Format = (nsn, plan) => `+47 (0)${noLandline(nsn, plan)}`;

// Abroad: international forms normalize; the local form ("030 1234567") cannot be read in a
// Norwegian install and is stored flagged, to be matched by its last digits.
const intl: Format = (nsn, plan) => `+${plan.countryCode} ${plan.lead} ${afterLead(nsn, plan)}`;
/** Swedish habit: "8 123 456 78", "70 123 45 67". */
const swedishGroups = (plan: NumberPlan) => (plan.free >= 8 ? [3, 3, 2] : [3, 2, 2]);
const intlGrouped: Format = (nsn, plan) => `+${plan.countryCode} ${plan.lead} ${group(afterLead(nsn, plan), swedishGroups(plan))}`;
const intl00: Format = (nsn, plan) => `00${plan.countryCode} ${plan.lead} ${afterLead(nsn, plan)}`;
const intlBracketZero: Format = (nsn, plan) => `+${plan.countryCode} (0)${plan.lead} ${afterLead(nsn, plan)}`;
const intlDashed: Format = (nsn, plan) => `+${plan.countryCode}-${plan.lead}-${afterLead(nsn, plan)}`;
const local: Format = (nsn, plan) => `${plan.trunk}${plan.lead} ${afterLead(nsn, plan)}`;
const localSlash: Format = (nsn, plan) => `${plan.trunk}${plan.lead}/${afterLead(nsn, plan)}`;
const localSwedish: Format = (nsn, plan) => `${plan.trunk}${plan.lead}-${group(afterLead(nsn, plan), swedishGroups(plan))}`;

export const PLANS: readonly NumberPlan[] = [
  {
    id: 'no-mobile-9', country: 'NO', countryCode: '47', lead: '9', free: 7, trunk: '', mobile: true,
    formats: [[noPlus(noMobile), 35], [noMobile, 30], [noCompact, 25], [no0047, 10]],
  },
  {
    id: 'no-mobile-41', country: 'NO', countryCode: '47', lead: '41', free: 6, trunk: '', mobile: true,
    formats: [[noPlus(noMobile), 35], [noMobile, 35], [noCompact, 30]],
  },
  {
    id: 'no-oslo', country: 'NO', countryCode: '47', lead: '22', free: 6, trunk: '', mobile: false,
    formats: [[noPlus(noLandline), 40], [noLandline, 40], [noCompact, 12], [noBracketZero, 8]],
  },
  {
    id: 'no-bergen', country: 'NO', countryCode: '47', lead: '55', free: 6, trunk: '', mobile: false,
    formats: [[noPlus(noLandline), 45], [noLandline, 45], [noCompact, 10]],
  },
  {
    id: 'de-berlin', country: 'DE', countryCode: '49', lead: '30', free: 8, trunk: '0', mobile: false,
    formats: [[intl, 40], [intlBracketZero, 20], [intl00, 15], [intlDashed, 10], [local, 10], [localSlash, 5]],
  },
  {
    id: 'de-mobile', country: 'DE', countryCode: '49', lead: '151', free: 8, trunk: '0', mobile: true,
    formats: [[intl, 55], [intlBracketZero, 15], [intl00, 15], [local, 15]],
  },
  {
    id: 'se-stockholm', country: 'SE', countryCode: '46', lead: '8', free: 8, trunk: '0', mobile: false,
    formats: [[intlGrouped, 50], [intl, 20], [intl00, 15], [localSwedish, 15]],
  },
  {
    id: 'se-mobile', country: 'SE', countryCode: '46', lead: '70', free: 7, trunk: '0', mobile: true,
    formats: [[intlGrouped, 45], [intl, 25], [intl00, 15], [localSwedish, 15]],
  },
  {
    id: 'it-milano', country: 'IT', countryCode: '39', lead: '02', free: 8, trunk: '', mobile: false,
    formats: [[intl, 60], [intl00, 25], [local, 15]],
  },
  {
    id: 'it-mobile', country: 'IT', countryCode: '39', lead: '333', free: 7, trunk: '', mobile: true,
    formats: [[intl, 65], [intl00, 20], [local, 15]],
  },
];

/** What people type where a number should be: stored, flagged invalid, never matched. */
export const GARBAGE_NUMBERS: readonly string[] = ['n/a', 'ring sentralbord', '+47 123', 'siehe Notiz', '0', 'xxx', '+49 (0)', '12 34'];

/** FNV-1a: a per-plan constant, so no two blocks walk through their numbers in step. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Multiplier and offset of the plan's permutation; the multiplier is coprime with 10. */
function permutationOf(plan: NumberPlan): { multiplier: bigint; offset: bigint; size: bigint } {
  const size = 10n ** BigInt(plan.free);
  let multiplier = (BigInt(hash32(plan.id)) * 2654435761n) % size;
  while (multiplier % 2n === 0n || multiplier % 5n === 0n || multiplier < size / 10n) multiplier = (multiplier * 7n + 3n) % size;
  return { multiplier, offset: BigInt(hash32(`${plan.id}:offset`)) % size, size };
}

const permutations = new Map<string, ReturnType<typeof permutationOf>>();

/** The national significant number at `index` of the plan's block (distinct for distinct indexes). */
export function nsnAt(plan: NumberPlan, index: number): string {
  const size = 10 ** plan.free;
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`${plan.id}: index ${index} outside 0..${size - 1}`);
  let p = permutations.get(plan.id);
  if (!p) permutations.set(plan.id, (p = permutationOf(plan)));
  const permuted = (BigInt(index) * p.multiplier + p.offset) % p.size;
  return plan.lead + permuted.toString().padStart(plan.free, '0');
}

export const e164Of = (plan: NumberPlan, nsn: string): string => `+${plan.countryCode}${nsn}`;

/**
 * Numbers that are never in the phonebook: taken from the top of each block, far above any
 * index the generator reaches.
 */
export function unknownNsn(plan: NumberPlan, n: number): string {
  return nsnAt(plan, 10 ** plan.free - 1 - n);
}

/** Hands out the next unused number of each plan and writes it in one of the plan's forms. */
export class NumberSource {
  private readonly used = new Map<string, number>();

  constructor(private readonly random: Random) {}

  next(plan: NumberPlan): { raw: string; nsn: string } {
    const index = this.used.get(plan.id) ?? 0;
    if (index >= 10 ** plan.free / 2) throw new RangeError(`${plan.id}: block exhausted`);
    this.used.set(plan.id, index + 1);
    const nsn = nsnAt(plan, index);
    return { raw: this.random.weighted(plan.formats)(nsn, plan), nsn };
  }
}

/**
 * For a stored number that did not normalize (a foreign local form), the E.164 number the
 * phone system will show when that person calls; undefined for anything else.
 */
export function callerIdForLocalForm(digits: string): string | undefined {
  for (const plan of PLANS) {
    if (plan.country === 'NO') continue;
    const prefix = plan.trunk + plan.lead;
    if (digits.startsWith(prefix) && digits.length === prefix.length + plan.free) return `+${plan.countryCode}${digits.slice(plan.trunk.length)}`;
  }
  return undefined;
}
