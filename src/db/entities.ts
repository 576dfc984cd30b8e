import { Investigation } from '../investigations/investigation.entity';
import { InvestigationDecision } from '../investigations/investigation-decision.entity';
import { User } from '../users/user.entity';
import { Session } from '../sessions/session.entity';
import { LoginThrottle } from '../auth/login-throttle.entity';
import { ApiToken } from '../tokens/api-token.entity';
import { AuditEntry, AuditHead } from '../audit/audit-entry.entity';
import { AuditCheckpoint } from '../audit/audit-checkpoint.entity';
import { SecurityState } from '../security/security-state.entity';
import { BackupObject, BackupRun } from '../backups/backup-run.entity';
import { PendingSignIn, RecoveryCode, SecondFactor, SecondFactorReset, SecondFactorRole } from '../second-factor/second-factor.entity';
import { WebauthnChallenge, WebauthnCredential } from '../second-factor/webauthn.entity';
import { VocabTerm } from '../vocab/vocab-term.entity';
import { Person } from '../people/person.entity';
import { PersonName } from '../people/person-name.entity';
import { PersonProfile } from '../people/person-profile.entity';
import { Institution } from '../institutions/institution.entity';
import { InstitutionAlias } from '../institutions/institution-alias.entity';
import { CaseRecord } from '../cases/case.entity';
import { CaseParticipant } from '../cases/case-participant.entity';
import { CaseLink } from '../cases/case-link.entity';
import { CaseMember } from '../cases/case-member.entity';
import { CaseTag } from '../cases/case-tag.entity';
import { CaseEvent } from '../events/event.entity';
import { EventInstitution } from '../events/event-institution.entity';
import { EventPerson } from '../events/event-person.entity';
import { EventLink } from '../events/event-link.entity';
import { Allegation } from '../allegations/allegation.entity';
import { AllegationEvent } from '../allegations/allegation-event.entity';
import { AllegationMethod } from '../allegations/allegation-method.entity';
import { AllegationPurpose } from '../allegations/allegation-purpose.entity';
import { AllegationInstitution } from '../allegations/allegation-institution.entity';
import { Perpetrator } from '../allegations/perpetrator.entity';
import { Statement } from '../statements/statement.entity';
import { StatementCondition } from '../statements/statement-condition.entity';
import { StatementIncrimination } from '../statements/statement-incriminates.entity';
import { StatementRetraction } from '../statements/statement-retraction.entity';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintResponse } from '../complaints/complaint-response.entity';
import { Proceeding } from '../proceedings/proceeding.entity';
import { ProceedingDefendant } from '../proceedings/proceeding-defendant.entity';
import { ProceedingStage } from '../proceedings/proceeding-stage.entity';
import { ProceedingCharge } from '../proceedings/proceeding-charge.entity';
import { StageVerdict } from '../proceedings/stage-verdict.entity';
import { PersonDeath } from '../people/person-death.entity';
import { Source } from '../sources/source.entity';
import { Citation } from '../sources/citation.entity';

import { StoredObject } from '../evidence/stored-object.entity';
import { EvidenceItem } from '../evidence/evidence-item.entity';
import { EvidenceFile } from '../evidence/evidence-file.entity';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { EvidenceAnnotation } from '../evidence/evidence-annotation.entity';
import { MedicalEvaluation } from '../evidence/medical-evaluation.entity';
import { MedicalFinding } from '../evidence/medical-finding.entity';
import { IntegrityAlert } from '../evidence/integrity-alert.entity';
import { SavedQuery } from '../search/saved-query.entity';
import { TrashItem, TrashStoredObject } from '../trash/trash-item.entity';
import { InstitutionMerge, PersonMerge } from '../merges/record-merge.entity';
import { TimelineOrder } from '../events/timeline-order.entity';
import { ImportBatch, ImportMapping, ImportRecord, ImportRowCheck } from '../imports/import-batch.entity';

/** Every entity, listed explicitly so that compiled code, ts-jest and the CLI all load the same set. */
export const entities: Function[] = [
  User, Session, LoginThrottle, ApiToken, AuditEntry, AuditHead,
  // case records (issue 3)
  VocabTerm, Person, PersonName, PersonProfile, Institution, InstitutionAlias, CaseRecord, CaseParticipant,
  CaseLink, CaseMember, CaseTag, CaseEvent, EventInstitution, EventPerson, EventLink, Allegation,
  AllegationEvent, AllegationMethod, AllegationPurpose, AllegationInstitution, Perpetrator, Statement,
  StatementCondition, StatementIncrimination, Complaint, ComplaintResponse, Proceeding, ProceedingDefendant,
  ProceedingStage, ProceedingCharge, StageVerdict, PersonDeath, Source, Citation,
  // evidence (issue 4)
  StoredObject, EvidenceItem, EvidenceFile, EvidenceLink, EvidenceAnnotation, MedicalEvaluation, MedicalFinding,
  IntegrityAlert,
  // search (issue 5)
  SavedQuery,
  // issue 11: statements' retraction history
  StatementRetraction,
  // signed audit checkpoints (issue 19)
  AuditCheckpoint,
  SecurityState,
  BackupRun,
  BackupObject,
  // official investigations (issue 11)
  Investigation, InvestigationDecision,
  // the trash (issue 11)
  TrashItem, TrashStoredObject,
  // merged people and institutions (issue 11)
  PersonMerge, InstitutionMerge,
  // the order researchers set for timeline entries sharing a date (issue 11)
  TimelineOrder,
  // spreadsheet import (issue 13)
  ImportBatch, ImportRowCheck, ImportRecord, ImportMapping,
  // second factor (issue 14)
  SecondFactor, RecoveryCode, SecondFactorRole, SecondFactorReset, PendingSignIn, WebauthnCredential, WebauthnChallenge,
];
