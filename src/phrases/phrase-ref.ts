/**
 * A sentence the bot says, named by its key in data/phrases.zh-CN.yaml: the only way anything
 * (a flow, a staff command, a transport notice) speaks.
 */
export type PhraseRef = {
  key: string;
  params?: Record<string, string | number>;
  /** `{name:time}` placeholders, each filled from a commitment (by id): the only way to say a time. */
  times?: Record<string, number>;
  /** `{name:moment}` placeholders: when something happened or will go out (ms); facts, never promises. */
  moments?: Record<string, number>;
};
