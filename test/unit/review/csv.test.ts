import { describe, expect, it } from 'vitest';
import { formatCell, toCsv } from '../../../server/review/csv.js';

describe('a CSV cell', () => {
  it.each([
    { cell: 'Team A', out: 'Team A' },
    { cell: '=HYPERLINK("http://example.org")', out: `"'=HYPERLINK(""http://example.org"")"` },
    { cell: '+44 20', out: "'+44 20" },
    { cell: '-1', out: "'-1" },
    { cell: '@SUM(A1)', out: "'@SUM(A1)" },
    { cell: -1, out: '-1' },
    { cell: 66.7, out: '66.7' },
    { cell: 'a, b', out: '"a, b"' },
    { cell: 'line\nbreak', out: '"line\nbreak"' },
    { cell: null, out: '' },
    { cell: true, out: 'yes' },
    { cell: new Date('2026-12-01T09:00:00Z'), out: '2026-12-01T09:00:00.000Z' },
  ])('$cell → $out', ({ cell, out }) => {
    expect(formatCell(cell)).toBe(out);
  });

  it('starts the file with a byte-order mark and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });
});
