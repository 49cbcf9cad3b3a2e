import { own } from './own-string.js';

/**
 * Who a channel is: one of our phones (an extension), the provider trunk (the outside world), or
 * neither (parking, announcements, Local helpers). Asterisk names channels by technology and
 * endpoint, never by user, so this mapping is configuration with sensible defaults for FreePBX-style
 * dialplans: `PJSIP/201-0000000a`, `SIP/201-…`, `IAX2/201-…` and `Local/201@from-queue-…;1` are
 * extension 201; `Local/…@from-trunk…` and any other endpoint of a telephony technology is a trunk.
 */

export type Party = { kind: 'phone'; extension: string } | { kind: 'trunk' } | { kind: 'other' };

export interface DeviceRule {
  /** Tested against the whole channel name. A named group `ext` gives the extension of a phone. */
  pattern: RegExp;
  kind: Party['kind'];
}

/** Extensions are 2 to 7 digits by default: longer digit strings are outside numbers (follow-me, forwards). */
export const DEFAULT_DEVICE_RULES: readonly DeviceRule[] = [
  // FreePBX's inbound contexts: a Local channel into them carries a call from outside.
  { pattern: /^Local\/[^@]*@(?:from-trunk|from-pstn|from-did-direct|ext-did|pstn)\b/, kind: 'trunk' },
  { pattern: /^(?:PJSIP|SIP|IAX2)\/(?<ext>\d{2,7})-[0-9a-fA-F]+$/, kind: 'phone' },
  { pattern: /^Local\/(?<ext>\d{2,7})@[^;]+;[12]$/, kind: 'phone' },
  { pattern: /^(?:PJSIP|SIP|IAX2|DAHDI|WebRTC|Motif|OOH323|unistim)\//, kind: 'trunk' },
];

const EXTENSION_NUMBER = /^\d{2,7}$/;

const TRUNK: Party = { kind: 'trunk' };
const OTHER: Party = { kind: 'other' };

export class DeviceMap {
  readonly #rules: readonly DeviceRule[];
  /** Channel names repeat for every event of a channel; the answer never changes. */
  readonly #cache = new Map<string, Party>();

  constructor(rules: readonly DeviceRule[] = DEFAULT_DEVICE_RULES) {
    this.#rules = rules;
  }

  /**
   * Parses `phone:<regex>` / `trunk:<regex>` lines (source options) in front of the defaults, so
   * an admin only writes the exceptions. Throws with the offending line.
   */
  static fromConfig(lines: readonly string[]): DeviceMap {
    const own = lines.map((line): DeviceRule => {
      const match = /^(phone|trunk|other):(.+)$/.exec(line.trim());
      if (!match) throw new RangeError(`device rule "${line}": expected phone:<regex>, trunk:<regex> or other:<regex>`);
      let pattern: RegExp;
      try {
        pattern = new RegExp(match[2] as string);
      } catch (error) {
        throw new RangeError(`device rule "${line}": ${(error as Error).message}`);
      }
      if (match[1] === 'phone' && !/\(\?<ext>/.test(pattern.source)) {
        throw new RangeError(`device rule "${line}": a phone rule needs a named group (?<ext>…) for the extension`);
      }
      return { pattern, kind: match[1] as Party['kind'] };
    });
    return new DeviceMap([...own, ...DEFAULT_DEVICE_RULES]);
  }

  partyOf(channel: string): Party {
    let party = this.#cache.get(channel);
    if (party === undefined) {
      party = this.#classify(channel);
      // Bounded: channel names carry a counter, so a long-running PBX never repeats them.
      if (this.#cache.size >= 50_000) this.#cache.clear();
      this.#cache.set(own(channel), party);
    }
    return party;
  }

  /** A device or queue-member interface (`PJSIP/201`, `Local/201@from-queue/n`), read as one of its channels would be. */
  partyOfInterface(iface: string): Party {
    const base = iface.replace(/\/n$/, '');
    return this.partyOf(base.startsWith('Local/') ? `${base}-0;1` : `${base}-0`);
  }

  /** A caller id that is an extension number (what a Local helper channel carries for the phone behind it). */
  extensionOfCallerId(callerNum: string | undefined): string | undefined {
    return callerNum !== undefined && EXTENSION_NUMBER.test(callerNum) ? callerNum : undefined;
  }

  /** The device a user's phone is dialed on, from its channel's name (`PJSIP/201-0000000a` → `PJSIP/201`). */
  static deviceOf(channel: string): string {
    const local = /^(Local\/[^;]+?)-[0-9a-f]+;[12]$/.exec(channel);
    if (local) return local[1] as string;
    const dash = channel.lastIndexOf('-');
    return dash > channel.indexOf('/') ? channel.slice(0, dash) : channel;
  }

  #classify(channel: string): Party {
    for (const rule of this.#rules) {
      const match = rule.pattern.exec(channel);
      if (!match) continue;
      if (rule.kind === 'phone') {
        const extension = match.groups?.ext;
        if (extension) return { kind: 'phone', extension: own(extension) };
        continue;
      }
      return rule.kind === 'trunk' ? TRUNK : OTHER;
    }
    return OTHER;
  }
}
