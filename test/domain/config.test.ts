import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('settings', () => {
  it('has a default for everything, and reads durations', () => {
    expect(loadConfig({})).toMatchObject({
      db: 'data/wuye.db',
      idleCloseMs: 7_200_000,
      bindingLockMs: 21_600_000,
      seedSample: true,
    });
    expect(loadConfig({ WUYE_IDLE_CLOSE: '90m' }).idleCloseMs).toBe(5_400_000);
  });

  it('names a bad setting and says why', () => {
    expect(() => loadConfig({ WUYE_IDLE_CLOSE: 'soon' })).toThrow(/bad setting WUYE_IDLE_CLOSE: not a duration/);
    expect(() => loadConfig({ WUYE_LOG_LEVEL: 'loud' })).toThrow(/bad setting WUYE_LOG_LEVEL/);
  });

  it('chooses the platform from what is set, and names what WeCom still needs', () => {
    expect(loadConfig({})).not.toHaveProperty('wecom');
    expect(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-service' }).wechaty).toEqual({
      puppet: 'wechaty-puppet-service',
      name: 'data/wechaty',
    });
    expect(() => loadConfig({ WECOM_CORP_ID: 'ww1' })).toThrow(/bad setting WECOM_AGENT_ID: needed with WECOM_CORP_ID/);
    expect(() =>
      loadConfig({
        WECOM_CORP_ID: 'ww1',
        WECOM_AGENT_ID: '1',
        WECOM_SECRET: 's',
        WECOM_TOKEN: 't',
        WECOM_AES_KEY: 'short',
      }),
    ).toThrow(/WECOM_AES_KEY: EncodingAESKey has 43/);
    const wecom = {
      WECOM_CORP_ID: 'ww1',
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 's',
      WECOM_TOKEN: 't',
      WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
    };
    expect(loadConfig(wecom).wecom).toMatchObject({
      agentId: 1000002,
      callbackPath: '/wecom/callback',
      apiBase: 'https://qyapi.weixin.qq.com',
    });
  });

  it('reads where the server listens, the proxy in front and the simulator’s mode', () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: false, simulator: true, simulatorOnAnyDb: false });
    expect(loadConfig({})).not.toHaveProperty('httpHost');
    expect(loadConfig({})).not.toHaveProperty('consolePort');
    const set = loadConfig({
      WUYE_TRUST_PROXY: 'true',
      WUYE_HTTP_HOST: '0.0.0.0',
      WUYE_CONSOLE_PORT: '3001',
      WUYE_CONSOLE_HOST: '192.168.1.10',
      WUYE_SIMULATOR: 'force',
    });
    expect(set).toMatchObject({
      trustProxy: true,
      httpHost: '0.0.0.0',
      consolePort: 3001,
      consoleHost: '192.168.1.10',
      simulator: true,
      simulatorOnAnyDb: true,
    });
    expect(loadConfig({ WUYE_SIMULATOR: 'false' })).toMatchObject({ simulator: false, simulatorOnAnyDb: false });
    expect(() => loadConfig({ WUYE_SIMULATOR: 'yes' })).toThrow(/bad setting WUYE_SIMULATOR/);
    expect(() => loadConfig({ WUYE_CONSOLE_PORT: 'x' })).toThrow(/bad setting WUYE_CONSOLE_PORT/);
  });
});
