import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('settings', () => {
  it('has a default for everything, and reads durations', () => {
    expect(loadConfig({})).toMatchObject({ db: 'data/wuye.db', idleCloseMs: 7_200_000, bindingLockMs: 21_600_000, seedSample: true });
    expect(loadConfig({ WUYE_IDLE_CLOSE: '90m' }).idleCloseMs).toBe(5_400_000);
  });

  it('names a bad setting and says why', () => {
    expect(() => loadConfig({ WUYE_IDLE_CLOSE: 'soon' })).toThrow(/bad setting WUYE_IDLE_CLOSE: not a duration/);
    expect(() => loadConfig({ WUYE_LOG_LEVEL: 'loud' })).toThrow(/bad setting WUYE_LOG_LEVEL/);
  });
});
