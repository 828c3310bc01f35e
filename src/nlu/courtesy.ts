import type { IntentData } from './intent-data.js';

/**
 * A message of courtesy only (谢谢, 好的, 收到👌, 拜拜, 晚安啦, 对的): it asks for nothing, so it is a
 * greeting whatever matter its words share with praise ("thanks are not praise unless someone's work
 * is named"). `thanks` when it thanks, so the answer is "you're welcome" and not the menu. The words
 * are sorted once, longest first, so that 谢谢侬 is taken whole before 谢谢.
 */
export class Courtesy {
  private readonly words: ReadonlyArray<{ word: string; thanks: boolean }>;
  private readonly fillers: readonly string[];

  constructor(data: IntentData) {
    const { thanks, words, fillers } = data.courtesy;
    // A bare yes (对, 要的) asks for nothing either; flows read it as the answer it is.
    this.words = [
      ...thanks.map((w) => ({ word: w.toLowerCase(), thanks: true })),
      ...[...words, ...data.answers.yes].map((w) => ({ word: w.toLowerCase(), thanks: false })),
    ].sort((a, b) => b.word.length - a.word.length);
    this.fillers = fillers;
  }

  of(text: string): 'thanks' | 'courtesy' | undefined {
    let rest = text.toLowerCase();
    let thanked = false;
    let said = false;
    for (const { word, thanks } of this.words) {
      if (!rest.includes(word)) continue;
      rest = rest.split(word).join(' ');
      said = true;
      thanked ||= thanks;
    }
    if (!said) return undefined;
    for (const f of this.fillers) rest = rest.split(f).join(' ');
    // Emoji with their joiners and variation selectors (🙏🏻, 👍️) are courtesy's own marks.
    if (rest.replace(/[\s\p{P}\p{S}\p{Extended_Pictographic}]|\u200d|\ufe0f/gu, '') !== '') return undefined;
    return thanked ? 'thanks' : 'courtesy';
  }
}
