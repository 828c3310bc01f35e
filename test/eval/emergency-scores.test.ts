import { describe, expect, it } from 'vitest';
import { loadEmergencySet, playEmergencySet } from './emergency-set.js';

/**
 * Emergencies first: single messages of residents in danger, written without seeing the bot (every kind,
 * dialect, typos, pinyin, English, told indirectly), each played through the whole bot at an hour of the
 * day or the night. The study set scored 72.7% of its 150 emergencies at first sight (109; 56 of its 60
 * look-alikes left alone) and was read; its floor keeps every emergency.
 */
describe('the emergency message sets', () => {
  it(
    'study: every emergency handled at once, of every kind at every hour; at most one look-alike paged',
    { timeout: 180_000 },
    async () => {
      const file = 'test/fixtures/emergency-study.zh-CN.yaml';
      const results = await playEmergencySet(loadEmergencySet(file), file);
      expect(results.filter((r) => r.kind !== 'none').length).toBeGreaterThanOrEqual(150);
      expect(results.filter((r) => r.kind !== 'none' && !r.handled).map((r) => r.text)).toEqual([]);
      expect(results.filter((r) => r.kind === 'none' && !r.handled).length).toBeLessThanOrEqual(1);
    },
  );
});
