import type { Kysely } from 'kysely';
import type { Database, DeviceKind, DeviceRow, Presence, Role, UserRow } from './schema.js';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  language?: string;
}

export interface NewDevice {
  userId: number;
  kind: DeviceKind;
  extension: string;
  e164: string | null;
  label?: string;
  isDefault?: boolean;
}

export class UsersRepo {
  constructor(private readonly db: Kysely<Database>) {}

  count(): Promise<number> {
    return this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  async create(user: NewUser, now = Date.now()): Promise<UserRow> {
    return this.db
      .insertInto('users')
      .values({
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        password_hash: user.passwordHash,
        language: user.language ?? 'en',
        disabled: 0,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  byId(id: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  list(): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().orderBy('username').execute();
  }

  async update(
    id: number,
    changes: Partial<{ displayName: string; role: Role; passwordHash: string; language: string; disabled: boolean }>,
  ): Promise<void> {
    await this.db
      .updateTable('users')
      .set({
        ...(changes.displayName !== undefined && { display_name: changes.displayName }),
        ...(changes.role !== undefined && { role: changes.role }),
        ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
        ...(changes.language !== undefined && { language: changes.language }),
        ...(changes.disabled !== undefined && { disabled: changes.disabled ? 1 : 0 }),
      })
      .where('id', '=', id)
      .execute();
  }

  async setPresence(id: number, presence: Presence): Promise<boolean> {
    const result = await this.db.updateTable('users').set({ presence }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async remove(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  devices(userId: number): Promise<DeviceRow[]> {
    return this.db.selectFrom('devices').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  }

  allDevices(): Promise<DeviceRow[]> {
    return this.db.selectFrom('devices').selectAll().orderBy('id').execute();
  }

  /** The first device added becomes the default; a new default clears the old one. */
  async addDevice(device: NewDevice): Promise<DeviceRow> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('devices').select('id').where('user_id', '=', device.userId).execute();
      const makeDefault = device.isDefault === true || existing.length === 0;
      if (makeDefault) await trx.updateTable('devices').set({ is_default: 0 }).where('user_id', '=', device.userId).execute();
      return trx
        .insertInto('devices')
        .values({
          user_id: device.userId,
          kind: device.kind,
          extension: device.extension,
          e164: device.e164,
          label: device.label ?? '',
          is_default: makeDefault ? 1 : 0,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  async setDefaultDevice(userId: number, deviceId: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const device = await trx.selectFrom('devices').select('id').where('id', '=', deviceId).where('user_id', '=', userId).executeTakeFirst();
      if (!device) return false;
      await trx.updateTable('devices').set({ is_default: 0 }).where('user_id', '=', userId).execute();
      await trx.updateTable('devices').set({ is_default: 1 }).where('id', '=', deviceId).execute();
      return true;
    });
  }

  /** Removing the default device promotes the oldest remaining one. */
  async removeDevice(userId: number, deviceId: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const device = await trx.selectFrom('devices').selectAll().where('id', '=', deviceId).where('user_id', '=', userId).executeTakeFirst();
      if (!device) return false;
      await trx.deleteFrom('devices').where('id', '=', deviceId).execute();
      if (device.is_default) {
        const next = await trx.selectFrom('devices').select('id').where('user_id', '=', userId).orderBy('id').executeTakeFirst();
        if (next) await trx.updateTable('devices').set({ is_default: 1 }).where('id', '=', next.id).execute();
      }
      return true;
    });
  }

  async setDeviceE164(deviceId: number, e164: string | null): Promise<void> {
    await this.db.updateTable('devices').set({ e164 }).where('id', '=', deviceId).execute();
  }
}
