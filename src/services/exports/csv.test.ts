import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.ts';

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['Grüße 🌱 日本', 'Grüße 🌱 日本'],
    ['=1+1', "'=1+1"],
    ['+49 30', "'+49 30"],
    ['-rm', "'-rm"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=cmd', `"'\r=cmd"`],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['', ''],
  ])('writes %j as %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes numbers, booleans, dates and missing values plainly', () => {
    expect(csvRow([-3, 2.5, true, false, null, undefined, new Date('2026-04-06T07:00:00Z')])).toBe(
      '-3,2.5,true,false,,,2026-04-06T07:00:00.000Z\r\n',
    );
  });
});
