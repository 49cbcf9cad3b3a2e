import type { Bus } from '../bus/bus.js';
import type { NumberingService } from '../numbers/numbering-service.js';
import type { CredentialsRepo } from '../store/credentials.js';
import type { DeviceKind, DeviceRow, Presence, Role, UserRow } from '../store/schema.js';
import type { UsersRepo } from '../store/users.js';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../server/auth/secrets.js';

export class UserInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly status = 400,
  ) {
    super(`${field}: ${message}`);
  }
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const EXTENSION_PATTERN = /^\+?[0-9*#]{1,32}$/;
export const DEVICE_KINDS: readonly DeviceKind[] = ['desk', 'softphone', 'mobile', 'other'];
export const LANGUAGES = ['en', 'nb', 'de', 'it'] as const;
export const PRESENCES = ['available', 'away', 'dnd'] as const satisfies readonly Presence[];

export interface DeviceInput {
  extension: string;
  kind?: DeviceKind;
  label?: string;
  isDefault?: boolean;
}

export interface PublicUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  language: string;
  disabled: boolean;
  createdAt: number;
  devices: { id: number; kind: DeviceKind; extension: string; e164: string | null; label: string; isDefault: boolean }[];
}

/** A user as they (and admins) see the account in the web app: with presence. */
export interface Me extends PublicUser {
  presence: Presence;
}

export const publicDevice = (d: DeviceRow) => ({
  id: d.id,
  kind: d.kind,
  extension: d.extension,
  e164: d.e164,
  label: d.label,
  isDefault: d.is_default === 1,
});

/** Users and their phones: the rules both the CLI and the API go through. */
export class UserService {
  constructor(
    private readonly users: UsersRepo,
    private readonly credentials: CredentialsRepo,
    private readonly numbering: NumberingService,
    private readonly bus: Bus,
  ) {}

  async toPublic(user: UserRow): Promise<PublicUser> {
    const devices = await this.users.devices(user.id);
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      language: user.language,
      disabled: user.disabled === 1,
      createdAt: user.created_at,
      devices: devices.map(publicDevice),
    };
  }

  async toMe(user: UserRow): Promise<Me> {
    return { ...(await this.toPublic(user)), presence: user.presence };
  }

  /** Tells the user's open tabs what their account now looks like. */
  private async announce(userId: number): Promise<void> {
    const user = await this.users.byId(userId);
    if (user) this.bus.publish('user.updated', { user: await this.toMe(user) });
  }

  async setPresence(userId: number, presence: Presence): Promise<boolean> {
    if (!(PRESENCES as readonly string[]).includes(presence)) throw new UserInputError('presence', `must be one of ${PRESENCES.join(', ')}`);
    if (!(await this.users.setPresence(userId, presence))) return false;
    this.bus.publish('user.presence', { userId, presence });
    return true;
  }

  async create(input: { username: string; password: string; displayName?: string; role?: Role; language?: string; devices?: DeviceInput[] }): Promise<PublicUser> {
    const username = input.username.trim().toLowerCase();
    if (!USERNAME_PATTERN.test(username)) throw new UserInputError('username', 'use 1–63 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit');
    if (await this.users.byUsername(username)) throw new UserInputError('username', `"${username}" is taken`, 409);
    this.checkPassword(input.password);
    if (input.language !== undefined) this.checkLanguage(input.language);
    for (const device of input.devices ?? []) await this.checkDevice(device);
    const extensions = (input.devices ?? []).map((d) => d.extension);
    if (new Set(extensions).size !== extensions.length) throw new UserInputError('extension', 'the same extension is listed twice');

    const user = await this.users.create({
      username,
      displayName: input.displayName?.trim() || username,
      role: input.role ?? 'user',
      passwordHash: await hashPassword(input.password),
      language: input.language,
    });
    for (const device of input.devices ?? []) await this.insertDevice(user.id, device);
    this.bus.publish('users.changed', {});
    return this.toPublic(user);
  }

  async setPassword(userId: number, password: string): Promise<void> {
    this.checkPassword(password);
    await this.users.update(userId, { passwordHash: await hashPassword(password) });
    // A new password ends every session: whoever had the old one is out.
    await this.credentials.deleteUserSessions(userId);
  }

  async update(userId: number, changes: { displayName?: string; role?: Role; language?: string; disabled?: boolean }): Promise<void> {
    if (changes.language !== undefined) this.checkLanguage(changes.language);
    if (changes.displayName !== undefined && changes.displayName.trim() === '') throw new UserInputError('displayName', 'must not be empty');
    await this.users.update(userId, { ...changes, displayName: changes.displayName?.trim() });
    if (changes.disabled) await this.credentials.deleteUserSessions(userId);
    this.bus.publish('users.changed', {});
    await this.announce(userId);
  }

  async addDevice(userId: number, device: DeviceInput) {
    await this.checkDevice(device);
    const row = await this.insertDevice(userId, device);
    this.bus.publish('users.changed', {});
    await this.announce(userId);
    return publicDevice(row);
  }

  async removeDevice(userId: number, deviceId: number): Promise<boolean> {
    const removed = await this.users.removeDevice(userId, deviceId);
    if (removed) {
      this.bus.publish('users.changed', {});
      await this.announce(userId);
    }
    return removed;
  }

  async setDefaultDevice(userId: number, deviceId: number): Promise<boolean> {
    const changed = await this.users.setDefaultDevice(userId, deviceId);
    if (changed) await this.announce(userId);
    return changed;
  }

  async remove(userId: number): Promise<boolean> {
    const removed = await this.users.remove(userId);
    if (removed) this.bus.publish('users.changed', {});
    return removed;
  }

  private insertDevice(userId: number, device: DeviceInput) {
    const n = this.numbering.normalizer().normalize(device.extension);
    return this.users.addDevice({
      userId,
      kind: device.kind ?? (n.kind === 'external' ? 'mobile' : 'desk'),
      extension: device.extension,
      e164: n.e164,
      label: device.label,
      isDefault: device.isDefault,
    });
  }

  private checkPassword(password: string): void {
    if (password.length < MIN_PASSWORD_LENGTH) throw new UserInputError('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
    if (password.length > 1024) throw new UserInputError('password', 'must be at most 1024 characters');
  }

  private checkLanguage(language: string): void {
    if (!(LANGUAGES as readonly string[]).includes(language)) throw new UserInputError('language', `must be one of ${LANGUAGES.join(', ')}`);
  }

  private async checkDevice(device: DeviceInput): Promise<void> {
    if (!EXTENSION_PATTERN.test(device.extension)) throw new UserInputError('extension', `"${device.extension}" is not an extension or phone number (digits, *, #, optionally a leading +)`);
    if (device.kind !== undefined && !DEVICE_KINDS.includes(device.kind)) throw new UserInputError('kind', `must be one of ${DEVICE_KINDS.join(', ')}`);
    const taken = (await this.users.allDevices()).find((d) => d.extension === device.extension);
    if (taken) throw new UserInputError('extension', `${device.extension} already belongs to another device`, 409);
  }
}
