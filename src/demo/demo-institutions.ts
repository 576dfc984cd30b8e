import { latinize, matchKey, transliterate } from '../people/transliterate';
import { Rng } from './rng';
import { DemoWriter } from './demo-writer';
import { REGION_PLACES } from './demo-words';

/** The institutions of one region a case can meet, by role. */
export interface RegionInstitutions {
  region: string;
  places: readonly string[];
  police: number[];
  centreE: number[];
  fsb: number[];
  investigators: number[];
  prosecutors: number[];
  courts: number[];
  regionalCourt: number;
  sizo: number[];
  ivs: number[];
  colonies: number[];
}

const REGION_NAMES_RU: Record<string, string> = {
  kabardino_balkaria: 'Кабардино-Балкарской Республике', chechnya: 'Чеченской Республике', ingushetia: 'Республике Ингушетия',
  dagestan: 'Республике Дагестан', north_ossetia: 'Республике Северная Осетия — Алания', karachay_cherkessia: 'Карачаево-Черкесской Республике',
  tatarstan: 'Республике Татарстан', bashkortostan: 'Республике Башкортостан', crimea: 'Республике Крым', moscow: 'г. Москве',
  moscow_oblast: 'Московской области', saint_petersburg: 'г. Санкт-Петербургу', yaroslavl_oblast: 'Ярославской области',
  sverdlovsk_oblast: 'Свердловской области', chelyabinsk_oblast: 'Челябинской области', krasnodar_krai: 'Краснодарскому краю',
  rostov_oblast: 'Ростовской области', stavropol_krai: 'Ставропольскому краю', perm_krai: 'Пермскому краю', irkutsk_oblast: 'Иркутской области',
  karelia: 'Республике Карелия', mordovia: 'Республике Мордовия', zaporizhzhia_oblast: 'Запорожской области', kherson_oblast: 'Херсонской области',
  donetsk_oblast: 'Донецкой области',
};

/**
 * A hierarchy per region: the regional Interior Ministry with district police departments and
 * their Centre E units, the FSB directorate, the Investigative Committee with district
 * departments, the prosecutor's office with district prosecutors, courts, SIZOs, IVS and colonies.
 */
export function createInstitutions(w: DemoWriter, rng: Rng, regions: string[]): RegionInstitutions[] {
  const add = (name: string, type: string, region: string, parentId: number | null, locality: string | null, aliases: string[] = []) => {
    const id = w.insert('institution', { name, name_latin: latinize(name), match_key: matchKey(name), type, parent_id: parentId, region, locality });
    for (const alias of new Set(aliases.filter((a) => a !== name))) {
      w.insert('institution_alias', { institution_id: id, name: alias, name_latin: latinize(alias), match_key: matchKey(alias) });
    }
    return id;
  };
  return regions.map((region) => {
    const places = REGION_PLACES[region];
    const inRegion = REGION_NAMES_RU[region] ?? region;
    const capital = places[0];
    const districts = places.slice(0, Math.min(places.length, 6));
    const mvd = add(`МВД по ${inRegion}`, 'ministry', region, null, capital, [transliterate(`МВД по ${inRegion}`), `Interior Ministry of ${capitalName(region)}`]);
    const police: number[] = [];
    const centreE: number[] = [];
    for (const place of districts) {
      const dept = add(`${place} police department`, 'police_unit', region, mvd, place, [`ОМВД ${place}`, `ROVD ${place}`]);
      police.push(dept);
      if (rng.chance(0.5)) centreE.push(add(`Centre E, ${place}`, 'centre_combating_extremism', region, dept, place, [`Центр «Э» ${place}`]));
    }
    const fsbId = add(`УФСБ России по ${inRegion}`, 'fsb', region, null, capital, [`FSB Directorate for ${capitalName(region)}`]);
    const ic = add(`СУ СК России по ${inRegion}`, 'investigative_committee', region, null, capital, [`Investigative Committee for ${capitalName(region)}`]);
    const investigators = [ic, ...districts.slice(0, 3).map((p) => add(`${p} investigative department`, 'investigative_committee', region, ic, p, [`СО ${p}`]))];
    const prosecutor = add(`Прокуратура ${capitalName(region)}`, 'prosecutors_office', region, null, capital, [`Prosecutor's office of ${capitalName(region)}`]);
    const prosecutors = [prosecutor, ...districts.slice(0, 3).map((p) => add(`${p} district prosecutor's office`, 'prosecutors_office', region, prosecutor, p))];
    const regionalCourt = add(`Supreme Court of ${capitalName(region)}`, 'court', region, null, capital, [`Верховный суд ${capitalName(region)}`]);
    const courts = districts.slice(0, 4).map((p) => add(`${p} city court`, 'court', region, null, p, [`${p} district court`]));
    const fsin = add(`UFSIN ${capitalName(region)}`, 'penitentiary_service', region, null, capital, [`УФСИН по ${inRegion}`]);
    const sizo = [1, 2].map((n) => add(`SIZO-${n} ${capital}`, 'pretrial_detention_centre', region, fsin, capital, [`СИЗО-${n}`, `Pre-trial detention centre No. ${n}`]));
    const ivs = districts.slice(0, 2).map((p) => add(`IVS ${p}`, 'temporary_detention_facility', region, police[0] ?? null, p, [`ИВС ${p}`]));
    const colonies = [1, 2, 3].slice(0, rng.int(1, 3)).map((n) => add(`IK-${n} ${places[n % places.length]}`, 'penal_colony', region, fsin, places[n % places.length], [`ИК-${n}`, `Penal colony No. ${n}`]));
    return { region, places, police, centreE: centreE.length ? centreE : police, fsb: [fsbId], investigators, prosecutors, courts, regionalCourt, sizo, ivs, colonies };
  });
}

function capitalName(region: string): string {
  return region
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
