import { malformed } from './errors.js';
import type { WebhookRequest } from './types.js';

/** Longest value we accept in any single field; real ids, numbers and names are far shorter. */
export const MAX_FIELD_LENGTH = 255;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);

/**
 * Flat key/value parameters of a request, for the dialects whose senders post forms or call
 * URLs (crmplus, zammad, placetel). Body parameters win over query parameters of the same
 * name, so a token in the URL never shadows a form field. Messages name the field at fault.
 */
export class Fields {
  private constructor(private readonly values: Record<string, unknown>) {}

  static of(req: WebhookRequest): Fields {
    const { body } = req;
    if (body !== undefined && body !== null && !isPlainObject(body)) {
      throw malformed('body: expected form fields (application/x-www-form-urlencoded) or a JSON object');
    }
    return new Fields({ ...req.query, ...(body ?? {}) });
  }

  /** One value as trimmed text; empty means absent. JSON numbers are accepted as their digits. */
  text(name: string): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined || raw === null) return undefined;
    if (Array.isArray(raw)) {
      if (raw.length === 1) return this.single(name, raw[0]);
      throw malformed(`${name}: given ${raw.length} times, expected once`);
    }
    return this.single(name, raw);
  }

  required(name: string): string {
    const value = this.text(name);
    if (value === undefined) throw malformed(`${name}: missing`);
    return value;
  }

  /** Every value of a repeatable field, under any of its spellings (`user[]`, `user`). */
  list(...names: string[]): string[] {
    const out: string[] = [];
    for (const name of names) {
      const raw = this.raw(name);
      const items = Array.isArray(raw) ? raw : [raw];
      for (const item of items) {
        if (item === undefined || item === null) continue;
        const value = this.single(name, item);
        if (value !== undefined) out.push(value);
      }
    }
    return out;
  }

  /** Own properties only: a parameter named `constructor` must not find Object's. */
  private raw(name: string): unknown {
    return Object.hasOwn(this.values, name) ? this.values[name] : undefined;
  }

  private single(name: string, raw: unknown): string | undefined {
    let value: string;
    if (typeof raw === 'string') value = raw.trim();
    else if (typeof raw === 'number' && Number.isFinite(raw)) value = String(raw);
    else if (raw === undefined || raw === null) return undefined;
    else throw malformed(`${name}: expected text, got ${describeValue(raw)}`);
    if (value.length > MAX_FIELD_LENGTH) throw malformed(`${name}: longer than ${MAX_FIELD_LENGTH} characters`);
    return value === '' ? undefined : value;
  }
}

/** `a string`, `an object`, `null`…: what was sent instead, for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
