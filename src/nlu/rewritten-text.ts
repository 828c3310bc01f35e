/** The rewritten text the time parser hands to chrono, mapped back to the words of the original message. */
/**
 * Text rewritten for chrono that remembers which words of the original each part came from, so
 * that the words that said the time can be left out of the message exactly as written.
 */
export class Rewritten {
  text: string;
  /** For each UTF-16 unit of `text`: the [start, end) of the original words it stands for. */
  private from: Array<[number, number]>;

  constructor(readonly original: string) {
    this.text = original;
    this.from = Array.from({ length: original.length }, (_, i) => [i, i + 1]);
  }

  /** Like String.replace with a global pattern; a replacer returning undefined keeps the match. */
  replace(pattern: RegExp, replacer: (match: RegExpExecArray) => string | undefined): void {
    let text = '';
    const from: Array<[number, number]> = [];
    let last = 0;
    for (const match of this.text.matchAll(pattern)) {
      const replacement = match[0].length > 0 ? replacer(match) : undefined;
      if (replacement === undefined) continue;
      const start = match.index;
      const end = start + match[0].length;
      text += this.text.slice(last, start) + replacement;
      from.push(...this.from.slice(last, start));
      const span: [number, number] = [this.from[start]![0], this.from[end - 1]![1]];
      for (let i = 0; i < replacement.length; i++) from.push(span);
      last = end;
    }
    if (last === 0 && text === '') return;
    this.text = text + this.text.slice(last);
    this.from = [...from, ...this.from.slice(last)];
  }

  /** The original words behind `length` units of the rewritten text from `index`. */
  originalOf(index: number, length: number): string {
    if (length <= 0) return '';
    return this.original.slice(this.from[index]![0], this.from[index + length - 1]![1]);
  }
}
