import { z } from 'zod';
import type { Bus } from '../bus/bus.js';
import type { PreferencesRepo } from '../store/preferences.js';
import type { SettingsRepo } from '../store/settings.js';

export const URL_OPENS = ['button', 'ring', 'answer'] as const;
export const CARD_NUMBER_TYPES = ['work', 'mobile', 'home', 'other'] as const;
export const DIAL_SCHEMES = ['tel', 'callto', 'sip'] as const;

export type UrlOpen = (typeof URL_OPENS)[number];
export type DialScheme = (typeof DIAL_SCHEMES)[number];

/** What each user chooses for the web app. */
export interface Preferences {
  /** null: use the admin's default template. */
  urlTemplate: string | null;
  urlOpen: UrlOpen;
  notifications: boolean;
  ringtone: boolean;
  cardNumberType: (typeof CARD_NUMBER_TYPES)[number];
  dialScheme: DialScheme;
}

/** The admin's defaults, kept in the settings table. */
export interface PreferencesDefaults {
  urlTemplate: string | null;
  urlOpen: UrlOpen;
}

export interface PreferencesReply {
  preferences: Preferences;
  defaults: PreferencesDefaults;
}

const BUILT_IN: Preferences = { urlTemplate: null, urlOpen: 'button', notifications: true, ringtone: true, cardNumberType: 'work', dialScheme: 'tel' };
const DEFAULTS_KEY = 'preferencesDefaults';

/**
 * The parameterized URL opened for a caller ("https://crm.example.com/find?phone={e164}"). Braces
 * may stand anywhere, so the check replaces them first; what remains must be an http(s) URL, which
 * keeps javascript: and data: out of the links the web app builds from it.
 */
function isHttpTemplate(template: string): boolean {
  if (/[\u0000-\u0020\u007f]/.test(template)) return false;
  const sample = template.replace(/\{[^{}]*\}/g, 'x');
  if (!/^https?:\/\//i.test(sample)) return false;
  try {
    const url = new URL(sample);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** null or empty: no template. */
export const urlTemplateSchema = z
  .string()
  .trim()
  .max(2000)
  .nullable()
  .transform((value, ctx) => {
    if (value === null || value === '') return null;
    if (!isHttpTemplate(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL (placeholders in braces, such as {number}, are allowed)' });
      return z.NEVER;
    }
    return value;
  });

export const preferencesPatchSchema = z.strictObject({
  urlTemplate: urlTemplateSchema.optional(),
  urlOpen: z.enum(URL_OPENS).optional(),
  notifications: z.boolean().optional(),
  ringtone: z.boolean().optional(),
  cardNumberType: z.enum(CARD_NUMBER_TYPES).optional(),
  dialScheme: z.enum(DIAL_SCHEMES).optional(),
});
export type PreferencesPatch = z.infer<typeof preferencesPatchSchema>;

export const defaultsSchema = z.strictObject({
  urlTemplate: urlTemplateSchema.optional(),
  urlOpen: z.enum(URL_OPENS).optional(),
});

/** Stored documents are re-checked field by field: a value a later version no longer accepts is dropped, not fatal. */
function readStored<S extends z.ZodObject>(schema: S, stored: Record<string, unknown>): Partial<z.infer<S>> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    if (!(key in stored)) continue;
    const parsed = (field as z.ZodType).safeParse(stored[key]);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as Partial<z.infer<S>>;
}

/** Users' preferences, with the admin's defaults filled in where the user has not chosen. */
export class PreferencesService {
  constructor(
    private readonly repo: PreferencesRepo,
    private readonly settings: SettingsRepo,
    private readonly bus: Bus,
  ) {}

  async defaults(): Promise<PreferencesDefaults> {
    const stored = readStored(defaultsSchema, (await this.settings.get<Record<string, unknown>>(DEFAULTS_KEY)) ?? {});
    return { urlTemplate: stored.urlTemplate ?? null, urlOpen: stored.urlOpen ?? BUILT_IN.urlOpen };
  }

  async setDefaults(changes: z.infer<typeof defaultsSchema>): Promise<PreferencesDefaults> {
    const next = { ...(await this.defaults()), ...changes };
    await this.settings.set(DEFAULTS_KEY, next);
    this.bus.publish('preferences.defaults', { defaults: next });
    return next;
  }

  async get(userId: number): Promise<PreferencesReply> {
    const defaults = await this.defaults();
    const chosen = readStored(preferencesPatchSchema, await this.repo.get(userId));
    // An unchosen urlOpen follows the admin's default; the template stays null so the app can tell.
    const preferences: Preferences = { ...BUILT_IN, urlOpen: defaults.urlOpen, ...chosen, urlTemplate: chosen.urlTemplate ?? null };
    return { preferences, defaults };
  }

  /** Stores the fields given and tells every open tab of the user. */
  async update(userId: number, changes: PreferencesPatch): Promise<PreferencesReply> {
    const chosen = readStored(preferencesPatchSchema, await this.repo.get(userId));
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    await this.repo.set(userId, { ...chosen, ...given });
    const reply = await this.get(userId);
    this.bus.publish('user.preferences', { userId, preferences: reply.preferences });
    return reply;
  }
}
