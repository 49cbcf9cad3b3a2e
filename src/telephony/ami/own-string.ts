/**
 * A copy of a string that no longer keeps alive the text it was cut from. The frame parser cuts
 * field values out of each socket read (up to 64 KiB), and V8 keeps a cut of 13 characters or more
 * as a view into its parent: a channel name held for the length of a call would hold the whole
 * read. Whatever the AMI layer keeps beyond one event goes through here. The concatenation makes
 * V8 build a fresh flat string, of which the slice is then a view.
 */
export function own(value: string): string;
export function own(value: string | undefined): string | undefined;
export function own(value: string | undefined): string | undefined {
  return value === undefined || value.length < 13 ? value : (' ' + value).slice(1);
}
