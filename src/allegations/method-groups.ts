import type { TermView } from '../vocab/vocab.service';

/**
 * The groups the allegation form shows torture methods under, after the torture branch of the
 * HURIDOCS micro-thesauri the vocabulary's terms were taken from (vocab/vocab.seed.ts). The
 * vocabulary itself is flat: a term an admin adds later is shown under "other".
 */
export const METHOD_GROUPS = ['physical', 'positional', 'deprivation', 'sexual', 'psychological', 'other'] as const;
export type MethodGroup = (typeof METHOD_GROUPS)[number];

const GROUP_OF: Record<string, MethodGroup> = {
  beating: 'physical', beating_with_objects: 'physical', falanga: 'physical', electric_shock: 'physical', asphyxiation: 'physical',
  wet_asphyxiation: 'physical', burning: 'physical', cutting_stabbing: 'physical', nail_or_tooth_extraction: 'physical', dog_attack: 'physical',
  suspension: 'positional', stress_positions: 'positional', shackling: 'positional', confinement_in_small_space: 'positional',
  extreme_temperatures: 'deprivation', sleep_deprivation: 'deprivation', deprivation_of_food_or_water: 'deprivation', denial_of_medical_care: 'deprivation',
  prolonged_isolation: 'deprivation', incommunicado_detention: 'deprivation', sensory_deprivation: 'deprivation', noise_or_light: 'deprivation', inhuman_conditions: 'deprivation',
  sexual_violence: 'sexual', rape: 'sexual', forced_nudity: 'sexual',
  humiliation: 'psychological', mock_execution: 'psychological', death_threats: 'psychological', threats_of_sexual_violence: 'psychological',
  threats_against_family: 'psychological', witnessing_torture_of_others: 'psychological',
};

/** The options in their groups, in the vocabulary's order within each; empty groups left out. */
export function groupMethods(options: TermView[]): { group: MethodGroup; options: TermView[] }[] {
  return METHOD_GROUPS.map((group) => ({ group, options: options.filter((o) => (GROUP_OF[o.code] ?? 'other') === group) })).filter((g) => g.options.length);
}
