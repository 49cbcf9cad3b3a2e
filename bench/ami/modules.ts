import { fromDist } from '../paths.js';

/** The server's AMI path from the built dist/ (what `npm start` runs): parser, client, translator, tracker. */
export async function loadAmiModules() {
  const [parser, client, translator, tracker, filter] = await Promise.all([
    fromDist<typeof import('../../src/telephony/ami/frame-parser.js')>('telephony/ami/frame-parser.js'),
    fromDist<typeof import('../../src/telephony/ami/client.js')>('telephony/ami/client.js'),
    fromDist<typeof import('../../src/telephony/ami/call-translator.js')>('telephony/ami/call-translator.js'),
    fromDist<typeof import('../../src/domain/calls/tracker.js')>('domain/calls/tracker.js'),
    fromDist<typeof import('../../src/telephony/ami/event-filter.js')>('telephony/ami/event-filter.js'),
  ]);
  return {
    AmiFrameParser: parser.AmiFrameParser,
    AmiClient: client.AmiClient,
    /** The server's event filter (what an AMI source connection uses). */
    acceptsEvent: filter.acceptsEvent,
    EVENT_CLASSES: filter.EVENT_CLASSES,
    AmiCallTranslator: translator.AmiCallTranslator,
    CallTracker: tracker.CallTracker,
    DEFAULT_TRACKER_OPTIONS: tracker.DEFAULT_TRACKER_OPTIONS,
  };
}

export type AmiModules = Awaited<ReturnType<typeof loadAmiModules>>;
