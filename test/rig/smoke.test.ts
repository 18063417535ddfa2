import { describe, expect, it } from 'vitest';

describe('rig', () => {
  it('runs under Windows Node', () => {
    expect(process.platform).toBe('win32');
  });
});
