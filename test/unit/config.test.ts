import { describe, expect, it } from 'vitest';
import { tableIds, tables } from '../../functions/shared/data/tables.ts';
import { ConfigError, readConfig, readDocumentsMode } from '../../functions/shared/runtime/config.ts';

const environment = {
  ...Object.fromEntries(tableIds.map((id) => [tables[id].envVar, `${id}-table`])),
  CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:cursor',
  READ_RECORD_RETENTION_DAYS: '2557',
  DOCUMENTS: 'trusted',
};

describe('GRAPHQL_EXECUTION', () => {
  it('defaults to jit when unset or empty', () => {
    expect(readConfig(environment).execution).toBe('jit');
    expect(readConfig({ ...environment, GRAPHQL_EXECUTION: '' }).execution).toBe('jit');
  });

  it('takes jit and graphql-js', () => {
    expect(readConfig({ ...environment, GRAPHQL_EXECUTION: 'jit' }).execution).toBe('jit');
    expect(readConfig({ ...environment, GRAPHQL_EXECUTION: 'graphql-js' }).execution).toBe('graphql-js');
  });

  it('fails the start on anything else, naming the variable and the values it takes', () => {
    for (const value of ['graphql', 'JIT', ' jit', 'js']) {
      expect(() => readConfig({ ...environment, GRAPHQL_EXECUTION: value })).toThrow(ConfigError);
      expect(() => readConfig({ ...environment, GRAPHQL_EXECUTION: value })).toThrow(
        `GRAPHQL_EXECUTION must be jit or graphql-js, not ${JSON.stringify(value)}`,
      );
    }
  });
});

describe('READ_RECORD_RETENTION_DAYS', () => {
  it('is the stage retention of read records, in days', () => {
    expect(readConfig(environment).readRecordRetentionDays).toBe(2557);
  });

  it('is required: without it the function does not start', () => {
    const { READ_RECORD_RETENTION_DAYS: _, ...without } = environment;
    expect(() => readConfig(without)).toThrow('missing environment variables: READ_RECORD_RETENTION_DAYS');
  });

  it('fails the start on anything but a whole number of days from 1', () => {
    for (const value of ['0', '-1', '1.5', '30d', ' 30']) {
      expect(() => readConfig({ ...environment, READ_RECORD_RETENTION_DAYS: value })).toThrow(
        `READ_RECORD_RETENTION_DAYS must be a whole number of days from 1, not ${JSON.stringify(value)}`,
      );
    }
  });
});

describe('DOCUMENTS', () => {
  it('is the stage setting: open or trusted', () => {
    expect(readConfig(environment).documents).toBe('trusted');
    expect(readConfig({ ...environment, DOCUMENTS: 'open' }).documents).toBe('open');
  });

  it('is required on AWS: a function that lost the setting does not start rather than run any document', () => {
    const { DOCUMENTS: _, ...without } = environment;
    expect(() => readConfig(without)).toThrow('missing environment variables: DOCUMENTS');
    expect(() => readConfig({ ...without, DOCUMENTS: '' })).toThrow('missing environment variables: DOCUMENTS');
  });

  it('is open where nothing sets it: the local server', () => {
    expect(readDocumentsMode({})).toBe('open');
    expect(readDocumentsMode({ DOCUMENTS: '' })).toBe('open');
    expect(readDocumentsMode({ DOCUMENTS: 'trusted' })).toBe('trusted');
  });

  it('fails the start on anything else, naming the variable and the values it takes', () => {
    for (const value of ['TRUSTED', 'closed', ' open', 'true']) {
      expect(() => readDocumentsMode({ DOCUMENTS: value })).toThrow(ConfigError);
      expect(() => readConfig({ ...environment, DOCUMENTS: value })).toThrow(
        `DOCUMENTS must be open or trusted, not ${JSON.stringify(value)}`,
      );
    }
  });
});
