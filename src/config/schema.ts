import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The web app `npm run build:web` builds, inside the package (from src/config or dist/config alike). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** A boolean that also reads "true"/"false"/"1"/"0" from the environment. */
const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')], {
  error: 'expected true or false',
});

/**
 * The whole configuration, with a default for everything: a fresh install runs with no config
 * file at all. Keys are camelCase here and SWITCHBOARD_SECTION_KEY in the environment.
 */
export const configSchema = z
  .object({
    dataDir: z.string().min(1).default('./data'),
    server: z
      .strictObject({
        host: z.string().min(1).default('0.0.0.0'),
        port: z.coerce.number().int().min(0).max(65535).default(8080),
        /** Base URL people and phone systems use to reach us (printed with webhook URLs). */
        publicUrl: z.url().optional(),
        tlsCert: z.string().min(1).optional(),
        tlsKey: z.string().min(1).optional(),
        /** Behind a reverse proxy: trust X-Forwarded-* for client address and scheme. */
        trustProxy: flag.default(false),
        /** Bytes; webhook bodies and contact imports above this are refused. */
        bodyLimit: z.coerce.number().int().positive().default(20 * 1024 * 1024),
        /** The built web app served at /; a relative path is read from the working directory. */
        webRoot: z.string().min(1).default(DEFAULT_WEB_ROOT),
      })
      .prefault({}),
    log: z
      .strictObject({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .prefault({}),
    auth: z
      .strictObject({
        sessionHours: z.coerce.number().positive().default(12),
        loginAttempts: z.coerce.number().int().positive().default(10),
        loginWindowSeconds: z.coerce.number().int().positive().default(300),
        /** 'auto' marks the cookie Secure when the request came over HTTPS. */
        secureCookie: z.enum(['auto', 'always', 'never']).default('auto'),
      })
      .prefault({}),
    numbering: z
      .strictObject({
        defaultRegion: z.string().length(2).toUpperCase().default('NO'),
        outsideLinePrefix: z.string().regex(/^\d*$/, 'digits only').default(''),
        extensionPattern: z.string().min(1).default('\\d{2,5}'),
      })
      .prefault({}),
    calls: z
      .strictObject({
        /** A call still ringing after this long is closed as missed. */
        maxRingSeconds: z.coerce.number().int().positive().default(600),
        /** A call still open after this long is closed (its end event was lost). */
        maxCallSeconds: z.coerce.number().int().positive().default(8 * 3600),
        retentionDays: z.coerce.number().int().positive().default(730),
        /** Local time of the daily clean-up, HH:MM. */
        cleanupAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM').default('02:00'),
      })
      .prefault({}),
    identify: z
      .strictObject({
        timeoutMs: z.coerce.number().int().positive().default(1500),
        cacheSeconds: z.coerce.number().int().nonnegative().default(300),
        cacheSize: z.coerce.number().int().nonnegative().default(20000),
      })
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
