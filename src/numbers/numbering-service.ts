import type { Bus } from '../bus/bus.js';
import { compileNumbering, type NumberNormalizer } from '../domain/phone/normalize.js';
import type { NumberingSettings } from '../domain/phone/numbering.js';
import type { ContactsRepo, InvalidNumber, Viewer } from '../store/contacts.js';
import type { SettingsRepo } from '../store/settings.js';
import type { UsersRepo } from '../store/users.js';

const SETTINGS_KEY = 'numbering';

export interface NumbersReport {
  settings: NumberingSettings;
  contactNumbersChanged: number;
  invalid: InvalidNumber[];
}

/**
 * Owns the numbering settings (stored in the database, seeded from the config file on first
 * start) and the compiled normalizer everyone uses. Changing the settings re-normalizes every
 * stored number, so lookups keep matching.
 */
export class NumberingService {
  private compiled: NumberNormalizer;

  private constructor(
    private readonly settingsRepo: SettingsRepo,
    private readonly contacts: ContactsRepo,
    private readonly users: UsersRepo,
    private readonly bus: Bus,
    initial: NumberingSettings,
  ) {
    this.compiled = compileNumbering(initial);
  }

  static async load(deps: { settings: SettingsRepo; contacts: ContactsRepo; users: UsersRepo; bus: Bus }, seed: NumberingSettings) {
    const stored = await deps.settings.get<NumberingSettings>(SETTINGS_KEY);
    if (!stored) await deps.settings.set(SETTINGS_KEY, seed);
    return new NumberingService(deps.settings, deps.contacts, deps.users, deps.bus, stored ?? seed);
  }

  normalizer(): NumberNormalizer {
    return this.compiled;
  }

  settings(): NumberingSettings {
    return { ...this.compiled.settings };
  }

  /** Takes up settings another process (the CLI) stored; the stored numbers it re-normalized itself. */
  async reload(): Promise<void> {
    const stored = await this.settingsRepo.get<NumberingSettings>(SETTINGS_KEY);
    const current = this.compiled.settings;
    if (!stored) return;
    const same = stored.defaultRegion === current.defaultRegion && stored.outsideLinePrefix === current.outsideLinePrefix && stored.extensionPattern === current.extensionPattern;
    if (!same) this.compiled = compileNumbering(stored);
  }

  /** Validates (throws naming the bad key), stores, and re-normalizes everything. */
  /** `viewer`: whose report it is; other users' private contacts are listed without name or number. */
  async update(settings: NumberingSettings, viewer?: Viewer): Promise<NumbersReport> {
    const next = compileNumbering(settings);
    await this.settingsRepo.set(SETTINGS_KEY, { ...next.settings });
    this.compiled = next;
    return this.check(viewer);
  }

  /** Re-normalizes every stored number under the current settings and lists those that fail. */
  async check(viewer?: Viewer): Promise<NumbersReport> {
    const normalizer = this.compiled;
    const changed = this.contacts.renormalize(normalizer);
    for (const device of await this.users.allDevices()) {
      const n = normalizer.normalize(device.extension);
      if (n.e164 !== device.e164) await this.users.setDeviceE164(device.id, n.e164);
    }
    this.bus.publish('contacts.changed', { count: changed });
    this.bus.publish('users.changed', {});
    return { settings: this.settings(), contactNumbersChanged: changed, invalid: this.contacts.invalidNumbers(10000, viewer) };
  }
}
