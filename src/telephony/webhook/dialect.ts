import type { z } from 'zod';
import type { CallEvent } from '../../domain/calls/call-event.js';
import { misconfigured } from './errors.js';
import type { AuthMode, DialectName, HttpMethod, WebhookRequest } from './types.js';
import { describeIssues } from './zod-issues.js';

/** How a dialect carries an HMAC-SHA256 signature of the raw body. */
export interface SignatureScheme {
  /** Lower-case header name. */
  header: string;
  /** Text before the hex digest in the header (`sha256=`), or ''. */
  prefix: string;
  /** When this header is present, the signed bytes are `<timestamp>.<raw body>`. */
  timestampHeader?: string;
  requireTimestamp?: boolean;
  /** How far the timestamp may be from the receipt time. */
  maxSkewMs?: number;
}

export interface DialectContext<O> {
  /** The source name, which becomes `CallEvent.source`. */
  source: string;
  options: O;
}

export interface DialectSpec<O extends Record<string, string>> {
  name: DialectName;
  /** One line for `sources add --help`. */
  description: string;
  /** Accepted auth modes; the first is the default for new sources. */
  authModes: readonly [AuthMode, ...AuthMode[]];
  methods: readonly HttpMethod[];
  /** Whether `/hooks/:source/:event` is meaningful for this dialect. */
  acceptsPathEvent: boolean;
  /** Validates `WebhookSource.options` and fills in defaults. */
  optionsSchema: z.ZodType<O>;
  /** Option name → what it does, for CLI help. */
  optionsHelp: Readonly<Record<string, string>>;
  signature?: (options: O) => SignatureScheme;
  parse(req: WebhookRequest, ctx: DialectContext<O>): CallEvent[];
  /** A body the sender needs in the answer to keep sending events; most need none. */
  reply?: (req: WebhookRequest, hookUrl: string) => WebhookReply | undefined;
}

export interface WebhookReply {
  contentType: string;
  body: string;
}

/** A dialect with its option type erased, so all of them fit in one list. */
export interface Dialect {
  readonly name: DialectName;
  readonly description: string;
  readonly defaultAuth: AuthMode;
  readonly authModes: readonly AuthMode[];
  readonly methods: readonly HttpMethod[];
  readonly acceptsPathEvent: boolean;
  readonly optionsSchema: z.ZodType<Record<string, string>>;
  readonly optionsHelp: Readonly<Record<string, string>>;
  /** Validated options with defaults filled in; throws WebhookError (misconfigured) naming the bad option. */
  parseOptions(options: Record<string, string>): Record<string, string>;
  /** Undefined when the dialect cannot be authenticated by HMAC. */
  signatureScheme(options: Record<string, string>): SignatureScheme | undefined;
  parse(req: WebhookRequest, source: string, options: Record<string, string>): CallEvent[];
  reply(req: WebhookRequest, hookUrl: string): WebhookReply | undefined;
}

export function defineDialect<O extends Record<string, string>>(spec: DialectSpec<O>): Dialect {
  const typedOptions = (options: Record<string, string>): O => {
    const result = spec.optionsSchema.safeParse(options);
    if (!result.success) {
      throw misconfigured(`${spec.name} options: ${describeIssues(result.error.issues, options)}`);
    }
    return result.data;
  };
  return {
    name: spec.name,
    description: spec.description,
    defaultAuth: spec.authModes[0],
    authModes: spec.authModes,
    methods: spec.methods,
    acceptsPathEvent: spec.acceptsPathEvent,
    optionsSchema: spec.optionsSchema,
    optionsHelp: spec.optionsHelp,
    parseOptions: typedOptions,
    signatureScheme: (options) => spec.signature?.(typedOptions(options)),
    parse: (req, source, options) => spec.parse(req, { source, options: typedOptions(options) }),
    reply: (req, hookUrl) => spec.reply?.(req, hookUrl),
  };
}
