/**
 * The key orders of the events a connection has seen, so that the frame parser can build an
 * event's fields the way a class with fixed properties would be built.
 *
 * Why: an object that gets its keys one by one through `fields[key] = value` turns into a hash
 * table in V8 after a few dozen keys (and an `Object.create(null)` one is a hash table from the
 * start). Filling those hash tables was more than half of the parser's time, and every read of a
 * field by the call tracking paid for a hash lookup too. Asterisk writes the keys of an event in
 * the same order every time, so the parser follows a trie of the key orders seen per event name
 * (comparing each line's key with the one expected, without cutting it out), collects the values
 * in an array, and at the end of the frame hands them to a constructor made for that key order:
 * plain property stores, fixed object layout, fast reads.
 *
 * The constructors are generated code. Only keys made of ASCII letters, digits, '-' and '_' (what
 * Asterisk uses) take part, and they enter the code as JSON string literals, so text from the PBX
 * can never be code. Anything else (other keys, a key repeated within a frame, a frame deeper than
 * MAX_DEPTH, more shapes than the limit) is built the old way, as a null-prototype hash table.
 * Both kinds of object have a null prototype and the same own properties in the same order.
 */

const SAFE_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const COLON = 58;

/** Keys per frame followed at most; a longer frame goes on as a hash table. */
const MAX_DEPTH = 96;
/** Frames that must end on a key order before it gets its constructor (one-off orders never do). */
const COMPILE_AFTER = 2;

export type Fields = Record<string, string>;
type Build = (values: readonly string[]) => Fields;

export interface ShapeNode {
  /** The key of this position; the root of an event name stands for its `Event` line. */
  readonly key: string;
  /** Where this key's value goes in the values array (the root's is 0: the event name). */
  readonly depth: number;
  readonly parent: ShapeNode | undefined;
  readonly children: ShapeNode[];
  /** Frames that ended at this node. */
  ends: number;
  build: Build | undefined;
}

export class FrameShapes {
  private readonly roots = new Map<string, ShapeNode | false>();
  private nodes = 0;

  /** maxNodes bounds the memory a PBX sending ever new event names or key orders can take. */
  constructor(private readonly maxNodes = 8192) {}

  /**
   * The node of an `Event: name` line, or false when accepts refuses the event. Both answers are
   * remembered per name; past the limit on nodes, accepts is asked every time and an accepted
   * event has no node (undefined).
   */
  root(eventName: string, accepts: ((eventName: string) => boolean) | undefined): ShapeNode | false | undefined {
    const known = this.roots.get(eventName);
    if (known !== undefined) return known;
    const accepted = accepts === undefined || accepts(eventName);
    if (this.nodes >= this.maxNodes) return accepted ? undefined : false;
    const root = accepted ? this.node('Event', 0, undefined) : false;
    if (!accepted) this.nodes++;
    this.roots.set(propertyName(eventName), root);
    return root;
  }

  /** The child of node whose key is the key of the line buf[start, end) (keys hold no ':'). */
  next(node: ShapeNode, buf: string, start: number, end: number): ShapeNode | undefined {
    const children = node.children;
    for (let c = 0; c < children.length; c++) {
      const child = children[c]!;
      const key = child.key;
      const colon = start + key.length;
      if (colon < end && buf.charCodeAt(colon) === COLON && sameText(buf, start, key)) return child;
    }
    return undefined;
  }

  /** A new child for key, unless the key cannot be in a shape, is already on the path, or a limit is reached. */
  grow(node: ShapeNode, key: string): ShapeNode | undefined {
    if (this.nodes >= this.maxNodes || node.depth + 1 >= MAX_DEPTH || !SAFE_KEY.test(key) || key === '__proto__') return undefined;
    for (let at: ShapeNode | undefined = node; at !== undefined; at = at.parent) if (at.key === key) return undefined;
    const child = this.node(propertyName(key), node.depth + 1, node);
    node.children.push(child);
    return child;
  }

  /** The fields of a frame whose last key was node's. */
  finish(node: ShapeNode, values: readonly string[]): Fields {
    const build = node.build;
    if (build !== undefined) return build(values);
    if (++node.ends >= COMPILE_AFTER) {
      node.build = compile(pathOf(node));
      return node.build(values);
    }
    return this.hashTable(node, values);
  }

  /** The fields so far, as a null-prototype hash table the parser goes on filling (the frame left the known shapes). */
  hashTable(node: ShapeNode, values: readonly string[]): Fields {
    const fields = Object.create(null) as Fields;
    const keys = pathOf(node);
    for (let i = 0; i < keys.length; i++) fields[keys[i]!] = values[i]!;
    return fields;
  }

  private node(key: string, depth: number, parent: ShapeNode | undefined): ShapeNode {
    this.nodes++;
    return { key, depth, parent, children: [], ends: 0, build: undefined };
  }
}

function sameText(buf: string, start: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) if (buf.charCodeAt(start + i) !== key.charCodeAt(i)) return false;
  return true;
}

function pathOf(node: ShapeNode): string[] {
  const keys: string[] = [];
  for (let at: ShapeNode | undefined = node; at !== undefined; at = at.parent) keys.push(at.key);
  return keys.reverse();
}

/** V8's own copy of the key (a property name), which neither pins the socket text nor needs hashing again. */
function propertyName(key: string): string {
  for (const name in { [key]: 0 }) return name;
  return key;
}

function compile(keys: readonly string[]): Build {
  for (const key of keys) if (!SAFE_KEY.test(key) || key === '__proto__') throw new Error(`frame shape: unsafe key ${JSON.stringify(key)}`);
  const body = keys.map((key, i) => `this[${JSON.stringify(key)}] = v[${i}];`).join('\n');
  const Shaped = new Function('v', body) as unknown as new (values: readonly string[]) => Fields;
  return (values) => Object.setPrototypeOf(new Shaped(values), null) as Fields;
}
