import { In } from 'typeorm';
import { Proceeding } from '../proceedings/proceeding.entity';
import { ProceedingStage } from '../proceedings/proceeding-stage.entity';
import { StageVerdict } from '../proceedings/stage-verdict.entity';
import { TimelineEntry, TimelineSource, entryDate } from './timeline-entry';
import { t } from '../i18n/i18n';
import { caseRows, rowsIn } from '../db/read-memo';

/** The stages of the case's proceedings: hearings, verdicts, appeals, annulments, retrials. */
export const proceedingTimeline: TimelineSource = {
  family: {
    id: 'proceeding',
    get label() {
      return t('timeline.families.proceeding');
    },
    shape: 'cross',
    colour: '#00676f',
    rank: 3,
  },
  async entries(ctx) {
    const proceedings = await caseRows(ctx.ds, Proceeding, ctx.caseId);
    const stages = await rowsIn(ctx.ds, ProceedingStage, 'proceedingId', proceedings.map((p) => p.id));
    const verdicts = stages.length ? await ctx.ds.getRepository(StageVerdict).find({ where: { stageId: In(stages.map((s) => s.id)) } }) : [];
    const outcomesOf = new Map<number, Set<string>>();
    for (const v of verdicts) if (v.outcome) outcomesOf.set(v.stageId, (outcomesOf.get(v.stageId) ?? new Set()).add(v.outcome));
    const byId = new Map(proceedings.map((p) => [p.id, p]));
    const entries: TimelineEntry[] = [];
    let undated = 0;
    for (const s of stages) {
      const date = entryDate(s.date);
      if (!date) {
        undated++;
        continue;
      }
      const p = byId.get(s.proceedingId);
      const name = p?.title || (p?.caseNumber ? t('timeline.entries.courtCase', { number: p.caseNumber }) : null);
      // The defendants' verdicts at this stage, each outcome once ("convicted", "acquitted; convicted").
      const outcome = [...(outcomesOf.get(s.id) ?? [])].map((o) => ctx.label('verdict_outcome', o)).join('; ') || null;
      entries.push({
        key: `stage-${s.id}`,
        family: 'proceeding',
        kind: s.kind,
        kindLabel: ctx.label('proceeding_stage_kind', s.kind),
        date,
        title: [name, outcome].filter(Boolean).join(': ') || null,
        href: `#stage-${s.id}`,
      });
    }
    return { entries, undated };
  },
};
