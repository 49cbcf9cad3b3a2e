import type { Dialect } from '../dialect.js';
import type { DialectName } from '../types.js';
import { crmplusDialect } from './crmplus.js';
import { nativeDialect } from './native.js';
import { placetelDialect } from './placetel.js';
import { zammadDialect } from './zammad.js';

const BY_NAME = {
  native: nativeDialect,
  crmplus: crmplusDialect,
  zammad: zammadDialect,
  placetel: placetelDialect,
} as const satisfies Record<DialectName, Dialect>;

/** Every dialect, in the order `sources add --help` lists them. */
export const DIALECTS: readonly Dialect[] = Object.values(BY_NAME);

export const getDialect = (name: DialectName): Dialect => BY_NAME[name];

/** For names read from storage or the command line. */
export const findDialect = (name: string): Dialect | undefined =>
  Object.hasOwn(BY_NAME, name) ? BY_NAME[name as DialectName] : undefined;
