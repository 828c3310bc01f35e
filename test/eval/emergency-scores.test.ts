import { describe, expect, it } from 'vitest';
import { loadEmergencySet, playEmergencySet } from './emergency-set.js';

/**
 * Emergencies first: single messages of residents in danger, written without seeing the bot (every kind,
 * dialect, typos, pinyin, English, told indirectly), each played through the whole bot at an hour of the
 * day or the night. The study set scored 72.7% of its 150 emergencies at first sight (109; 56 of its 60
 * look-alikes left alone) and was read; the second, by another author, 78.7% (118 of 150; 47 of 50 look-alikes)
 * at first sight after the first had been worked through, and was read; the third, by a third author, 78.0% (103 of
 * 132; 41 of 48 look-alikes) at first sight after the second, and was read. Their floors keep every emergency.
 * The set held out (by the first set's author, other people and other words) was played once at the end of the round:
 * 75.2% (79 of 105; 41 of 45 look-alikes left alone); then read. One of its lifts, stopped and dark with nobody said to
 * be inside, is asked about first (is anyone trapped?), as the office's rules ask. A second set held out, by a new
 * author, committed unread after the model and those mends, played once: 99.1% (107 of 108; 40 of 42 look-alikes).
 * The fourth study set, by a fourth author, scored 86.0% (104 of 121; 50 of 53 look-alikes) at first sight; then read;
 * the fifth, by a fifth author after the fourth was mended, 92.5% (111 of 120; 47 of 51); then read.
 * A third set held out, by another new author, committed unread at the start of the tenth round and played once near
 * its end: 96.2% (101 of 105; 46 of 46 look-alikes left alone); then read.
 * The sixth study set, by a sixth author leaning on dangers told without their word (a swallowed battery, a seizure,
 * a stroke) and on look-alikes (news of elsewhere, jokes, a pan fire put out), scored 92.6% (112 of 121; 41 of 52
 * look-alikes) at first sight in the eleventh round; then read. A fourth set held out, by another new author,
 * committed unread at the start of that round and played once near its end: 93.9% (107 of 114; 42 of 50 look-alikes
 * left alone); then read.
 * The seventh study set, by a seventh author after the eleventh round (dangers told indirectly, across dialects;
 * look-alikes of other places, tests, jokes), scored 91.7% (110 of 120; 45 of 50 look-alikes) at first sight in the
 * twelfth round; then read. A fifth set held out, by another new author, committed unread at the start of the
 * twelfth round and played once near its middle: 93.3% (111 of 119; 45 of 50 look-alikes left alone); then read.
 */
describe('the emergency message sets', () => {
  it.each([
    ['study', 'test/fixtures/emergency-study.zh-CN.yaml', 1, []],
    ['study-2', 'test/fixtures/emergency-study-2.zh-CN.yaml', 0, []],
    ['study-3', 'test/fixtures/emergency-study-3.zh-CN.yaml', 0, []],
    ['study-4', 'test/fixtures/emergency-study-4.zh-CN.yaml', 0, []],
    ['study-5', 'test/fixtures/emergency-study-5.zh-CN.yaml', 0, []],
    ['study-6', 'test/fixtures/emergency-study-6.zh-CN.yaml', 0, []],
    ['study-7', 'test/fixtures/emergency-study-7.zh-CN.yaml', 0, []],
    ['holdout', 'test/fixtures/emergency-holdout.zh-CN.yaml', 0, ['电梯一晃就不走了 门卡死 里面黑漆漆的']],
    ['holdout-2', 'test/fixtures/emergency-holdout-2.zh-CN.yaml', 0, []],
    ['holdout-3', 'test/fixtures/emergency-holdout-3.zh-CN.yaml', 0, []],
    ['holdout-4', 'test/fixtures/emergency-holdout-4.zh-CN.yaml', 0, []],
    ['holdout-5', 'test/fixtures/emergency-holdout-5.zh-CN.yaml', 0, []],
  ])(
    '%s (%s): every emergency handled at once, of every kind at every hour; look-alikes paged at most %i',
    { timeout: 180_000 },
    async (_, file, falseAlarms, askedFirst) => {
      const results = await playEmergencySet(loadEmergencySet(file), file);
      expect(results.filter((r) => r.kind !== 'none').length).toBeGreaterThanOrEqual(100);
      expect(results.filter((r) => r.kind !== 'none' && !r.handled).map((r) => r.text)).toEqual(askedFirst);
      expect(results.filter((r) => r.kind === 'none' && !r.handled).length).toBeLessThanOrEqual(falseAlarms);
    },
  );
});
