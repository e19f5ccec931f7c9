import { heapFlagGiB } from '../../src/classify/memorySize';

describe('heapFlagGiB: the one JVM heap flag reader', () => {
  it('reads -Xmx and -Xms sizes in GiB, the largest of a text', () => {
    expect(heapFlagGiB('-Xmx2048m')).toBe(2);
    expect(heapFlagGiB('JAVA_OPTS set to -Xms256m -Xmx1g')).toBe(1);
    expect(heapFlagGiB('-Xms3g -Xmx1g')).toBe(3);
  });
  it('reads only -Xmx for the cap', () => {
    expect(heapFlagGiB('-Xms3g -Xmx1g', 'cap')).toBe(1);
    expect(heapFlagGiB('-Xms512m', 'cap')).toBeUndefined();
  });
  it('near misses: no flag, no unit, a size with a trailing word', () => {
    expect(heapFlagGiB('-Xmx4096')).toBeUndefined();
    expect(heapFlagGiB('-XX:MaxRAMPercentage=75')).toBeUndefined();
    expect(heapFlagGiB('-Xmx2gb')).toBeUndefined();
  });
});
