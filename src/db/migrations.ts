import { ImportJsonFormat1796227502113 } from '../../migrations/sqlite/1796227502113-ImportJsonFormat';
import { WebauthnCredentials1796216398638 } from '../../migrations/sqlite/1796216398638-WebauthnCredentials';
import { Backups1796216883149 } from '../../migrations/sqlite/1796216883149-Backups';
import { CaseEventIncidentIndex1796220825533 } from '../../migrations/sqlite/1796220825533-CaseEventIncidentIndex';
import { SecondFactor1796198203526 } from '../../migrations/sqlite/1796198203526-SecondFactor';
import { SecurityMode1796196799612 } from '../../migrations/sqlite/1796196799612-SecurityMode';
import { GraphicMedia1796195274396 } from '../../migrations/sqlite/1796195274396-GraphicMedia';
import { Imports1796194891886 } from '../../migrations/sqlite/1796194891886-Imports';
import { VocabLabelInEitherLanguage1796180847594 } from '../../migrations/sqlite/1796180847594-VocabLabelInEitherLanguage';
import { SearchWordForms1796181230229 } from '../../migrations/sqlite/1796181230229-SearchWordForms';
import { UserLanguage1796179888912 } from '../../migrations/sqlite/1796179888912-UserLanguage';
import { SearchTextKeys1796173149154 } from '../../migrations/sqlite/1796173149154-SearchTextKeys';


import { TimelineOrder1796167541642 } from '../../migrations/sqlite/1796167541642-TimelineOrder';
import { NameKeysAndMerges1796167480483 } from '../../migrations/sqlite/1796167480483-NameKeysAndMerges';
import { Trash1796167337945 } from '../../migrations/sqlite/1796167337945-Trash';
import { Investigations1796167224789 } from '../../migrations/sqlite/1796167224789-Investigations';
import { StatementRetractionSearch1796167159598 } from '../../migrations/sqlite/1796167159598-StatementRetractionSearch';
import { StatementHistoryRegions1796167159597 } from '../../migrations/sqlite/1796167159597-StatementHistoryRegions';
import { ProceedingSearch1796167151105 } from '../../migrations/sqlite/1796167151105-ProceedingSearch';
import { ProceedingDefendantsDeaths1796167151104 } from '../../migrations/sqlite/1796167151104-ProceedingDefendantsDeaths';
import { AuditCheckpoints1796157431602 } from '../../migrations/sqlite/1796157431602-AuditCheckpoints';
import { ProtectedNamesState1795300000000 } from '../../migrations/sqlite/1795300000000-ProtectedNamesState';
import { SearchIdRange1795267246974 } from '../../migrations/sqlite/1795267246974-SearchIdRange';
import { SearchIdLimits1795266196116 } from '../../migrations/sqlite/1795266196116-SearchIdLimits';
import { SearchRestrictedRows1795248000000 } from '../../migrations/sqlite/1795248000000-SearchRestrictedRows';
import { ProtectedPersonCases1795247900000 } from '../../migrations/sqlite/1795247900000-ProtectedPersonCases';
import { SearchEvidence1795247800000 } from '../../migrations/sqlite/1795247800000-SearchEvidence';
import { Search1795247683663 } from '../../migrations/sqlite/1795247683663-Search';
import { Evidence1795247497096 } from '../../migrations/sqlite/1795247497096-Evidence';
import { CaseRecords1795246671509 } from '../../migrations/sqlite/1795246671509-CaseRecords';
import { Foundation1795246198592 } from '../../migrations/sqlite/1795246198592-Foundation';
/** Committed migrations in order; scripts/migration-generate.ts appends new ones here. */
export const migrations: Function[] = [Foundation1795246198592, CaseRecords1795246671509, Evidence1795247497096, Search1795247683663, SearchEvidence1795247800000, ProtectedPersonCases1795247900000, SearchRestrictedRows1795248000000, SearchIdLimits1795266196116, SearchIdRange1795267246974, ProtectedNamesState1795300000000, AuditCheckpoints1796157431602, ProceedingDefendantsDeaths1796167151104, ProceedingSearch1796167151105, StatementHistoryRegions1796167159597, StatementRetractionSearch1796167159598, Investigations1796167224789, Trash1796167337945, NameKeysAndMerges1796167480483, TimelineOrder1796167541642, SearchTextKeys1796173149154, UserLanguage1796179888912, VocabLabelInEitherLanguage1796180847594, SearchWordForms1796181230229, Imports1796194891886, GraphicMedia1796195274396, SecurityMode1796196799612, SecondFactor1796198203526, WebauthnCredentials1796216398638, Backups1796216883149, CaseEventIncidentIndex1796220825533, ImportJsonFormat1796227502113];
