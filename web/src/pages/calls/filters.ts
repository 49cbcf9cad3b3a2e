import type { Query } from '../../api/client';

/** The call log's filters as the URL keeps them (so reload and back keep them too). */
export interface CallFilters {
  direction: string;
  /** Comma list of outcomes, as the API takes it. */
  outcome: string;
  /** yyyy-mm-dd, the user's own days. */
  from: string;
  to: string;
  number: string;
  /** Admins: '' (own calls), 'all' or a user id. */
  user: string;
}

export const OUTCOMES = ['answered', 'missed', 'notanswered', 'busy', 'failed'] as const;
export const DIRECTIONS = ['inbound', 'outbound'] as const;
const KEYS = ['direction', 'outcome', 'from', 'to', 'number', 'user'] as const satisfies readonly (keyof CallFilters)[];

export const NO_FILTERS: CallFilters = { direction: '', outcome: '', from: '', to: '', number: '', user: '' };

export function filtersFromParams(params: URLSearchParams): CallFilters {
  const filters = { ...NO_FILTERS };
  for (const key of KEYS) filters[key] = params.get(key) ?? '';
  return filters;
}

export function filtersToParams(filters: CallFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) if (filters[key].trim()) params.set(key, filters[key].trim());
  return params;
}

/** Midnight starting the given local day, `days` later; undefined for anything but yyyy-mm-dd. */
function localDay(date: string, days = 0): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).getTime();
  return Number.isNaN(at) ? undefined : at;
}

/**
 * The filters as the API's query. Dates become the user's local midnights (the server's `to` is
 * exclusive, so "to" a day means before the next day starts); `user` only for admins, since the
 * server refuses it to others.
 */
export function apiQuery(filters: CallFilters, isAdmin: boolean): Query {
  return {
    direction: filters.direction || undefined,
    outcome: filters.outcome || undefined,
    from: localDay(filters.from),
    to: localDay(filters.to, 1),
    number: filters.number.trim() || undefined,
    user: isAdmin ? filters.user || undefined : undefined,
  };
}
