import {
  formatPartialDate,
  isUncertain,
  parsePartialDate,
  PartialDateInput,
  PartialDateValue,
  partialDateToInput,
} from '../../src/db/partial-date';

const ok = (input: PartialDateInput): PartialDateValue => {
  const result = parsePartialDate(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse: ${result.message}`);
  return result.date;
};
const fails = (input: PartialDateInput) => {
  const result = parsePartialDate(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result;
};

describe('parsePartialDate', () => {
  it('keeps a day as a single day', () => {
    expect(ok({ precision: 'day', value: '2005-10-23' })).toEqual({ precision: 'day', start: '2005-10-23', end: '2005-10-23' });
  });

  it('widens a month to its first and last day', () => {
    expect(ok({ precision: 'month', value: '2005-10' })).toEqual({ precision: 'month', start: '2005-10-01', end: '2005-10-31' });
    expect(ok({ precision: 'month', value: '2005-04' }).end).toBe('2005-04-30');
    expect(ok({ precision: 'month', value: '2005-02' }).end).toBe('2005-02-28');
    expect(ok({ precision: 'month', value: '2004-02' }).end).toBe('2004-02-29');
    expect(ok({ precision: 'month', value: '2000-02' }).end).toBe('2000-02-29'); // divisible by 400
    expect(ok({ precision: 'month', value: '1900-02' }).end).toBe('1900-02-28'); // divisible by 100 only
    expect(ok({ precision: 'month', value: '2005-12' }).end).toBe('2005-12-31');
  });

  it('widens a year to the whole year', () => {
    expect(ok({ precision: 'year', value: '2005' })).toEqual({ precision: 'year', start: '2005-01-01', end: '2005-12-31' });
  });

  it('accepts 29 February only in leap years', () => {
    expect(ok({ precision: 'day', value: '2004-02-29' }).start).toBe('2004-02-29');
    expect(ok({ precision: 'day', value: '2000-02-29' }).start).toBe('2000-02-29');
    expect(fails({ precision: 'day', value: '2005-02-29' })).toMatchObject({ field: 'value' });
    expect(fails({ precision: 'day', value: '1900-02-29' })).toMatchObject({ field: 'value' });
  });

  it('refuses days and months that do not exist', () => {
    for (const value of ['2005-04-31', '2005-13-01', '2005-00-10', '2005-10-00', '2005-10-32']) {
      expect(fails({ precision: 'day', value })).toMatchObject({ field: 'value' });
    }
    expect(fails({ precision: 'month', value: '2005-13' })).toMatchObject({ field: 'value' });
  });

  it('refuses years outside 1900..2100', () => {
    expect(ok({ precision: 'year', value: '1900' }).start).toBe('1900-01-01');
    expect(ok({ precision: 'year', value: '2100' }).end).toBe('2100-12-31');
    expect(fails({ precision: 'year', value: '1899' }).message).toMatch(/1900/);
    expect(fails({ precision: 'day', value: '2101-01-01' }).message).toMatch(/2100/);
    expect(fails({ precision: 'range', start: '1850', end: '2005' })).toMatchObject({ field: 'start' });
    expect(fails({ precision: 'range', start: '2005', end: '2200' })).toMatchObject({ field: 'end' });
  });

  it('refuses garbage and values written at the wrong precision', () => {
    for (const value of ['', '   ', 'yesterday', '2005-1-5', '05-10-23', '20051023', '2005-10-23T00:00', '２００５', '2005-10-23 extra']) {
      expect(fails({ precision: 'day', value })).toMatchObject({ field: 'value' });
    }
    // Written as people write it, a day is a day (tests/unit/partial-date-input.test.ts has every form).
    expect(ok({ precision: 'day', value: '23.10.2005' })).toEqual({ precision: 'day', start: '2005-10-23', end: '2005-10-23' });
    expect(fails({ precision: 'day', value: '2005-10' })).toMatchObject({ field: 'value' });
    expect(fails({ precision: 'month', value: '2005' })).toMatchObject({ field: 'value' });
    expect(fails({ precision: 'year', value: '2005-10-23' })).toMatchObject({ field: 'value' });
    expect(fails({ precision: 'day', value: null })).toMatchObject({ field: 'value' });
    expect(fails({ precision: 'day' })).toMatchObject({ field: 'value' });
  });

  it('refuses an unknown precision', () => {
    expect(fails({ precision: 'week', value: '2005-10-23' })).toMatchObject({ field: 'precision' });
    expect(fails({ precision: '', value: '2005' })).toMatchObject({ field: 'precision' });
  });

  it('trims surrounding white space', () => {
    expect(ok({ precision: 'day', value: ' 2005-10-23\n' }).start).toBe('2005-10-23');
  });

  it('computes a range from ends of any granularity', () => {
    expect(ok({ precision: 'range', start: '2005-04', end: '2005-09' })).toEqual({ precision: 'range', start: '2005-04-01', end: '2005-09-30' });
    expect(ok({ precision: 'range', start: '2004', end: '2006' })).toEqual({ precision: 'range', start: '2004-01-01', end: '2006-12-31' });
    expect(ok({ precision: 'range', start: '2005-10-23', end: '2005-10-23' })).toMatchObject({ start: '2005-10-23', end: '2005-10-23' });
    // The end of a month-precise end is that month's last day, even in February.
    expect(ok({ precision: 'range', start: '2004-01-15', end: '2004-02' }).end).toBe('2004-02-29');
  });

  it('refuses a range that ends before it starts, or lacks an end', () => {
    expect(fails({ precision: 'range', start: '2005-10-23', end: '2005-10-22' })).toMatchObject({ field: 'end' });
    expect(fails({ precision: 'range', start: '2006', end: '2005' })).toMatchObject({ field: 'end' });
    expect(fails({ precision: 'range', start: '2005-10' })).toMatchObject({ field: 'end' });
    expect(fails({ precision: 'range', end: '2005-10' })).toMatchObject({ field: 'start' });
    expect(fails({ precision: 'range', start: '2005-02-30', end: '2005-03' })).toMatchObject({ field: 'start' });
  });

  it('widens approximate dates by a fixed window', () => {
    expect(ok({ precision: 'approximate', value: '2005' })).toEqual({ precision: 'approximate', start: '2004-01-01', end: '2006-12-31' });
    expect(ok({ precision: 'approximate', value: '2005-10' })).toEqual({ precision: 'approximate', start: '2005-09-01', end: '2005-11-30' });
    expect(ok({ precision: 'approximate', value: '2005-01' })).toMatchObject({ start: '2004-12-01', end: '2005-02-28' });
    expect(ok({ precision: 'approximate', value: '2005-12' })).toMatchObject({ start: '2005-11-01', end: '2006-01-31' });
    expect(ok({ precision: 'approximate', value: '2005-10-23' })).toEqual({ precision: 'approximate', start: '2005-10-16', end: '2005-10-30' });
    expect(ok({ precision: 'approximate', value: '2005-01-03' })).toMatchObject({ start: '2004-12-27', end: '2005-01-10' });
    expect(fails({ precision: 'approximate', value: '2005-02-29' })).toMatchObject({ field: 'value' });
  });
});

describe('formatPartialDate', () => {
  const show = (input: PartialDateInput) => formatPartialDate(ok(input));

  it('shows each precision as precisely as it is known', () => {
    expect(show({ precision: 'day', value: '2005-10-23' })).toBe('23 Oct 2005');
    expect(show({ precision: 'day', value: '2006-05-02' })).toBe('2 May 2006');
    expect(show({ precision: 'month', value: '2005-10' })).toBe('Oct 2005');
    expect(show({ precision: 'year', value: '2005' })).toBe('2005');
  });

  it('marks approximate dates with the central value', () => {
    expect(show({ precision: 'approximate', value: '2005' })).toBe('c. 2005');
    expect(show({ precision: 'approximate', value: '2005-10' })).toBe('c. Oct 2005');
    expect(show({ precision: 'approximate', value: '2005-01' })).toBe('c. Jan 2005');
    expect(show({ precision: 'approximate', value: '2005-12' })).toBe('c. Dec 2005');
    expect(show({ precision: 'approximate', value: '2005-10-23' })).toBe('c. 23 Oct 2005');
    expect(show({ precision: 'approximate', value: '2005-01-03' })).toBe('c. 3 Jan 2005');
  });

  it('shows ranges at the granularity of their ends', () => {
    expect(show({ precision: 'range', start: '2005-04', end: '2005-09' })).toBe('Apr 2005 – Sep 2005');
    expect(show({ precision: 'range', start: '2004', end: '2006' })).toBe('2004 – 2006');
    expect(show({ precision: 'range', start: '2005-10-23', end: '2005-10-30' })).toBe('23 Oct 2005 – 30 Oct 2005');
    expect(show({ precision: 'range', start: '2005-10-23', end: '2005-10-23' })).toBe('23 Oct 2005');
    expect(show({ precision: 'range', start: '2005-10-23', end: '2005-11' })).toBe('23 Oct 2005 – 30 Nov 2005');
  });

  it('formats an absent date as empty', () => {
    expect(formatPartialDate(null)).toBe('');
    expect(formatPartialDate(undefined)).toBe('');
    expect(formatPartialDate({ precision: null, start: null, end: null })).toBe('');
  });
});

describe('partialDateToInput', () => {
  it('gives back what was entered, so edit forms show it', () => {
    const inputs: PartialDateInput[] = [
      { precision: 'day', value: '2005-10-23' },
      { precision: 'month', value: '2005-10' },
      { precision: 'year', value: '2005' },
      { precision: 'approximate', value: '2005' },
      { precision: 'approximate', value: '2005-12' },
      { precision: 'approximate', value: '2005-10-23' },
      { precision: 'range', start: '2005-04', end: '2005-09' },
      { precision: 'range', start: '2004', end: '2006' },
      { precision: 'range', start: '2005-10-23', end: '2005-10-30' },
    ];
    for (const input of inputs) expect(partialDateToInput(ok(input))).toEqual(input);
    expect(partialDateToInput(null)).toBeNull();
  });
});

describe('isUncertain', () => {
  it('is false only for a known day', () => {
    expect(isUncertain(ok({ precision: 'day', value: '2005-10-23' }))).toBe(false);
    expect(isUncertain(ok({ precision: 'month', value: '2005-10' }))).toBe(true);
    expect(isUncertain(null)).toBe(true);
  });
});
