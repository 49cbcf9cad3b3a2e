/**
 * Which parser a phonebook file goes to. The content decides when it opens with BEGIN:VCARD
 * (people rename files), then the extension; everything else is treated as CSV, whose parser
 * explains what is wrong with files that are neither (an Excel workbook, say).
 */

import { extname } from 'node:path';
import type { ContactFileFormat } from './contact-file.js';
import { decodeText } from './decode-text.js';

const SNIFF_BYTES = 4096;
const VCARD_EXTENSIONS = new Set(['.vcf', '.vcard']);

export function detectFormat(filename: string, data: Buffer | string): ContactFileFormat {
  const head = decodeText(typeof data === 'string' ? data.slice(0, SNIFF_BYTES) : data.subarray(0, SNIFF_BYTES)).text;
  if (/^\s*BEGIN:VCARD\s*$/im.test(head.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '')) return 'vcard';
  return VCARD_EXTENSIONS.has(extname(filename).toLowerCase()) ? 'vcard' : 'csv';
}
