import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SEED_DIR, loadConfig } from './config.ts';
import { DEFAULT_SYNC_OPTIONS } from './rooms/options.ts';

describe('loadConfig', () => {
  it('has safe defaults: loopback, 8080, ./data, seeding on', () => {
    expect(loadConfig({}, '/srv/app')).toEqual({
      host: '127.0.0.1',
      port: 8080,
      dataDir: '/srv/app/data',
      seed: true,
      seedDir: DEFAULT_SEED_DIR.replace(/\/$/, ''),
      clientDir: '/srv/app/dist/client',
      logLevel: 'info',
      sync: DEFAULT_SYNC_OPTIONS,
      sessionSecret: null,
      authBursts: { signin: 10, signup: 5 },
      helperThreadNice: 10,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        HOST: '0.0.0.0',
        PORT: '0',
        DATA_DIR: '/tmp/d',
        SEED: '0',
        CLIENT_DIR: 'build',
        LOG_LEVEL: 'DEBUG',
        SIGNIN_BURST: '40',
        SIGNUP_BURST: '200',
        HELPER_THREAD_NICE: '0',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      dataDir: '/tmp/d',
      seed: false,
      clientDir: '/srv/app/build',
      logLevel: 'debug',
      authBursts: { signin: 40, signup: 200 },
      helperThreadNice: 0,
    });
  });

  it('rejects invalid values, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '80a',
        SEED: 'maybe',
        LOG_LEVEL: 'loud',
        HOST: 'bad host',
        SESSION_SECRET: 'short',
        SYNC_MAX_MESSAGE_BYTES: 'lots',
        SIGNUP_BURST: '0',
        HELPER_THREAD_NICE: '20',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toHaveLength(8);
    expect(problems.join('\n')).toMatch(/HELPER_THREAD_NICE "20" must be a whole number from 0 \(off\) to 19/);
    expect(problems.join('\n')).toMatch(/SIGNUP_BURST "0" must be a whole number from 1/);
    expect(problems.join('\n')).toMatch(/SYNC_MAX_MESSAGE_BYTES "lots"/);
    expect(problems.join('\n')).toMatch(/SESSION_SECRET must be at least 32/);
    expect(problems.join('\n')).toMatch(/PORT "80a".*\n.*SEED "maybe".*\n.*LOG_LEVEL "loud"/s);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT "70000"/);
    expect(() => loadConfig({ HELPER_THREAD_NICE: '-5' })).toThrow(/HELPER_THREAD_NICE "-5"/);
  });
});
