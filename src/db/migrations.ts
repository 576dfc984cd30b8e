import { StatementRetractionSearch1796167905282 } from '../../migrations/sqlite/1796167905282-StatementRetractionSearch';
import { StatementHistoryRegions1796167159597 } from '../../migrations/sqlite/1796167159597-StatementHistoryRegions';
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
export const migrations: Function[] = [Foundation1795246198592, CaseRecords1795246671509, Evidence1795247497096, Search1795247683663, SearchEvidence1795247800000, ProtectedPersonCases1795247900000, SearchRestrictedRows1795248000000, SearchIdLimits1795266196116, SearchIdRange1795267246974, ProtectedNamesState1795300000000, AuditCheckpoints1796157431602, StatementHistoryRegions1796167159597, StatementRetractionSearch1796167905282];
