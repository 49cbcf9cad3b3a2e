/**
 * Turns an uploaded file into text. Exports arrive as UTF-8 (with or without BOM), as UTF-16
 * ("Unicode text" from Excel) or in the Windows code page of a Western European Excel; a file
 * that is not valid UTF-8 is taken to be Windows-1252, the usual culprit.
 */

import { decodeWindows1252 } from './windows-1252.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  /** Absent when the caller handed over a string. */
  encoding?: TextEncodingName;
}

export function decodeText(data: Uint8Array | string, forced?: 'utf-8' | 'windows-1252'): DecodedText {
  if (typeof data === 'string') return { text: stripBom(data) };
  if (forced === 'windows-1252') return { text: decodeWindows1252(data), encoding: forced };
  if (forced === 'utf-8') return { text: stripBom(new TextDecoder('utf-8').decode(data)), encoding: forced };

  if (data[0] === 0xff && data[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(data), encoding: 'utf-16le' };
  if (data[0] === 0xfe && data[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(data), encoding: 'utf-16be' };
  const utf8 = decodeStrictUtf8(data);
  if (utf8 !== undefined) return { text: stripBom(utf8), encoding: 'utf-8' };
  return { text: decodeWindows1252(data), encoding: 'windows-1252' };
}

/** The text if the bytes are valid UTF-8, otherwise undefined. */
export function decodeStrictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
