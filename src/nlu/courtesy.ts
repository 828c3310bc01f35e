import type { IntentData } from './intent-data.js';

/**
 * A message of courtesy only (谢谢, 好的, 收到👌, 拜拜, 晚安啦, 对的): it asks for nothing, so it is a
 * greeting whatever matter its words share with praise ("thanks are not praise unless someone's work
 * is named"). `thanks` when it thanks, so the answer is "you're welcome" and not the menu.
 */
export function courtesyOf(text: string, data: IntentData): 'thanks' | 'courtesy' | undefined {
  const { thanks, fillers } = data.courtesy;
  // A bare yes (对, 要的) asks for nothing either; flows read it as the answer it is.
  const words = [...data.courtesy.words, ...data.answers.yes];
  let rest = text.toLowerCase();
  let thanked = false;
  let said = false;
  for (const w of [...thanks, ...words].sort((a, b) => b.length - a.length)) {
    const word = w.toLowerCase();
    if (!rest.includes(word)) continue;
    rest = rest.split(word).join(' ');
    said = true;
    if (thanks.includes(w)) thanked = true;
  }
  if (!said) return undefined;
  for (const f of fillers) rest = rest.split(f).join(' ');
  // Emoji with their joiners and variation selectors (🙏🏻, 👍️) are courtesy's own marks.
  if (rest.replace(/[\s\p{P}\p{S}\p{Extended_Pictographic}]|\u200d|\ufe0f/gu, '') !== '') return undefined;
  return thanked ? 'thanks' : 'courtesy';
}
