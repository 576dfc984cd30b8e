import { countProcess, latestDate } from '../../src/investigations/process-counts';

const d = (precision: string | null, start: string | null, end: string | null) => ({ precision, start, end });
const none = d(null, null, null);

describe('the one definition of refusals and openings (JS form)', () => {
  it('counts refusal decisions and refusal responses that report no decision, each refusal once', () => {
    const decisions = [
      { kind: 'check_started', date: d('day', '2005-11-15', '2005-11-15') },
      { kind: 'refused_to_open', date: d('day', '2005-11-25', '2005-11-25') },
      { kind: 'refusal_annulled_court', date: d('month', '2006-01-01', '2006-01-31') },
      { kind: 'refused_to_open', date: d('month', '2006-04-01', '2006-04-30') },
      { kind: 'case_opened', date: none },
    ];
    const responses = [
      // reports the April refusal: counted as that decision, not again
      { outcome: 'refused_to_open', decisionId: 4, date: d('month', '2006-04-01', '2006-04-30') },
      // a rejected appeal reported by no decision: a refusal of its own
      { outcome: 'complaint_rejected', decisionId: null, date: d('year', '2006-01-01', '2006-12-31') },
      // reports a decision of another kind: counts as that decision (not a refusal)
      { outcome: 'refused_to_open', decisionId: 1, date: none },
      { outcome: 'opened', decisionId: null, date: d('day', '2007-06-02', '2007-06-02') },
      { outcome: 'forwarded', decisionId: null, date: none },
    ];
    const c = countProcess(decisions, responses);
    expect(c.refusals).toBe(3);
    expect(c.opened).toBe(2);
    // "last" is the latest start, then the latest end: Apr 2006 comes after "2006" (which starts in January).
    expect(c.lastRefusalDate).toEqual(d('month', '2006-04-01', '2006-04-30'));
    expect(c.lastOpenedDate).toEqual(d('day', '2007-06-02', '2007-06-02'));
  });

  it('never takes an undated step for the latest', () => {
    expect(latestDate([{ date: none }])).toBeNull();
    expect(latestDate([{ date: none }, { date: d('year', '2008-01-01', '2008-12-31') }])).toEqual(d('year', '2008-01-01', '2008-12-31'));
  });
});
