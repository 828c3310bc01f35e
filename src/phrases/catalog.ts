import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../data-path.js';

export type PhraseParams = Record<string, string | number>;

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Every sentence the bot sends, by dotted key. Keeping them in one reviewed file is how the office
 * keeps its service wording consistent (服务口径一致); code only ever names a key.
 */
export class PhraseCatalog {
  private readonly phrases = new Map<string, string>();

  constructor(tree: unknown) {
    flatten(tree, '', this.phrases);
  }

  static load(file = dataPath('phrases.zh-CN.yaml')): PhraseCatalog {
    return new PhraseCatalog(parse(readFileSync(file, 'utf8')));
  }

  has(key: string): boolean {
    return this.phrases.has(key);
  }

  keys(): string[] {
    return [...this.phrases.keys()];
  }

  /** The names a phrase expects, so tests can check every use supplies them. */
  paramsOf(key: string): string[] {
    return [...this.template(key).matchAll(PLACEHOLDER)].map((m) => m[1] as string);
  }

  /** Renders a phrase; a missing key or parameter throws, so a typo never reaches a resident. */
  render(key: string, params: PhraseParams = {}): string {
    return this.template(key).replace(PLACEHOLDER, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`phrase ${key} needs parameter {${name}}`);
      return String(value);
    });
  }

  private template(key: string): string {
    const template = this.phrases.get(key);
    if (template === undefined) throw new Error(`no phrase with key ${key}`);
    return template;
  }
}

function flatten(node: unknown, prefix: string, into: Map<string, string>): void {
  if (typeof node === 'string') {
    into.set(prefix, node.trimEnd());
    return;
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    throw new Error(`phrase ${prefix || '(root)'} must be a string or a group of phrases`);
  }
  for (const [name, child] of Object.entries(node)) flatten(child, prefix ? `${prefix}.${name}` : name, into);
}
