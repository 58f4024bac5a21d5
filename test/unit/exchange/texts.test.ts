import { describe, expect, it } from 'vitest';
import { reasonNames } from '../../../src-main/core/exchange/texts';
import { reasonCodes } from '../../../src-main/dto/records';
import { t } from '../../../src-renderer/pages/exchange/texts';

describe('rejection reasons', () => {
  // The page may not import the core: its copy of the names is held to the core's (which the CLI prints).
  it('are named alike in the 数据交换 page, the core and the CLI, every SPEC §2 code', () => {
    expect(Object.keys(reasonNames)).toEqual([...reasonCodes]);
    expect(t.reasons).toEqual(reasonNames);
  });
});
