import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { personPickerLabels } from '../people/person-picker';
import { institutionLabels } from './record-refs';

export interface PickerValue {
  value: string;
  selectedLabel: string;
}

const asId = (v: string) => (/^[1-9][0-9]{0,14}$/.test(v.trim()) ? Number(v.trim()) : null);

/**
 * What person pickers show for the ids in a form: the name or pseudonym of people the user may
 * link, or who the record already links (`keep`). An id typed for a protected person the user is
 * not cleared for gets no label, so the form does not confirm that the id exists.
 */
export async function personPickerValues(ds: DataSource, user: CurrentUser, values: string[], keep: number[] = []): Promise<PickerValue[]> {
  const labels = await personPickerLabels(ds, user, values.map(asId).filter((id): id is number => id !== null), keep);
  return values.map((value) => {
    const id = asId(value);
    return { value, selectedLabel: (id !== null && labels.get(id)) || '' };
  });
}

export async function institutionPickerValue(ds: DataSource, value: string): Promise<PickerValue> {
  const id = asId(value);
  const label = id === null ? undefined : (await institutionLabels(ds, [id])).get(id);
  return { value, selectedLabel: label?.label ?? '' };
}

/** The person rows of a form: those filled in, plus `blank` empty rows to add more. */
export function withBlankRows(rows: PickerValue[], blank = 2): PickerValue[] {
  return [...rows, ...Array.from({ length: blank }, () => ({ value: '', selectedLabel: '' }))];
}
