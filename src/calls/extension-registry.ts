import type SQLite from 'better-sqlite3';

export interface ExtensionOwner {
  userId: number;
  deviceId: number;
  extension: string;
}

/**
 * Which user an extension (or a user's registered mobile / DID) belongs to. Asked for every call
 * event, so it answers from memory, loaded on first use. It reloads on "users.changed", which is
 * also published for changes another process (the CLI) made (Switchboard.syncExternalChanges).
 */
export class ExtensionRegistry {
  private byExtension = new Map<string, ExtensionOwner>();
  private byE164 = new Map<string, ExtensionOwner>();
  private userNames = new Map<number, string>();
  private admins = new Set<number>();
  private loaded = false;
  private readonly devicesStmt: SQLite.Statement;
  private readonly usersStmt: SQLite.Statement;

  constructor(sqlite: SQLite.Database) {
    this.devicesStmt = sqlite.prepare(
      `SELECT d.id, d.user_id, d.extension, d.e164 FROM devices d JOIN users u ON u.id = d.user_id WHERE u.disabled = 0`,
    );
    this.usersStmt = sqlite.prepare(`SELECT id, display_name, role FROM users WHERE disabled = 0`);
  }

  reload(): void {
    const byExtension = new Map<string, ExtensionOwner>();
    const byE164 = new Map<string, ExtensionOwner>();
    for (const row of this.devicesStmt.all() as { id: number; user_id: number; extension: string; e164: string | null }[]) {
      const owner = { userId: row.user_id, deviceId: row.id, extension: row.extension };
      byExtension.set(row.extension, owner);
      if (row.e164) byE164.set(row.e164, owner);
    }
    const names = new Map<number, string>();
    const admins = new Set<number>();
    for (const row of this.usersStmt.all() as { id: number; display_name: string; role: string }[]) {
      names.set(row.id, row.display_name);
      if (row.role === 'admin') admins.add(row.id);
    }
    this.byExtension = byExtension;
    this.byE164 = byE164;
    this.userNames = names;
    this.admins = admins;
    this.loaded = true;
  }

  private fresh(): void {
    if (!this.loaded) this.reload();
  }

  /** By the extension as the phone system names it, else by the E.164 form of a number. */
  resolve(extension: string, e164?: string | null): ExtensionOwner | undefined {
    this.fresh();
    return this.byExtension.get(extension) ?? (e164 ? this.byE164.get(e164) : undefined);
  }

  userName(userId: number): string | undefined {
    this.fresh();
    return this.userNames.get(userId);
  }

  isAdmin(userId: number): boolean {
    this.fresh();
    return this.admins.has(userId);
  }
}
