import { z } from "zod";
import { defineEvent } from "./define.ts";
import { Issue, Party, Slug } from "./vocabulary.ts";

/**
 * A negotiation declares its own vocabulary: the parties at (or around) the table and the
 * issues they take positions on. Nothing about one negotiation is written into the code.
 */
export const PartyDeclaration = z.strictObject({
  id: Party,
  name: z.string().min(1),
  /** What sort of actor: state, bloc, armed group, mediator… */
  kind: z.string().min(1).optional(),
  /** Other names sources use for it ("the Kremlin", "Moscow"), for linking names in articles. */
  aliases: z.array(z.string().min(1)).default([]),
});
export type PartyDeclaration = z.infer<typeof PartyDeclaration>;

export const IssueDeclaration = z.strictObject({
  id: Issue,
  /** What a party supports or rejects: "Ukraine may join NATO". */
  proposition: z.string().min(1),
});
export type IssueDeclaration = z.infer<typeof IssueDeclaration>;

/** Names a negotiation; the stream `NEGOTIATION:negotiation` keeps its vocabulary. */
export const NegotiationId = Slug;

const vocabularyStream = () => "negotiation";

export const NegotiationOpened = defineEvent({
  type: "NegotiationOpened",
  version: 1,
  data: z.strictObject({
    negotiationId: NegotiationId,
    title: z.string().min(1),
    summary: z.string().min(1).optional(),
    parties: z.array(PartyDeclaration).default([]),
    issues: z.array(IssueDeclaration).default([]),
  }),
  stream: vocabularyStream,
  describe: (d) => `negotiation ${d.negotiationId} opened: ${d.title} (${d.parties.length} parties, ${d.issues.length} issues)`,
});

export const PartyAdded = defineEvent({
  type: "PartyAdded",
  version: 1,
  data: z.strictObject({ negotiationId: NegotiationId, party: PartyDeclaration }),
  stream: vocabularyStream,
  describe: (d) => `party ${d.party.id} (${d.party.name}) added to ${d.negotiationId}`,
});

export const IssueAdded = defineEvent({
  type: "IssueAdded",
  version: 1,
  data: z.strictObject({ negotiationId: NegotiationId, issue: IssueDeclaration }),
  stream: vocabularyStream,
  describe: (d) => `issue ${d.issue.id} added to ${d.negotiationId}: "${d.issue.proposition}"`,
});

/** A new wording of an issue's proposition. Stances stated before it keep the wording they answered. */
export const IssueReworded = defineEvent({
  type: "IssueReworded",
  version: 1,
  data: z.strictObject({ negotiationId: NegotiationId, issueId: Issue, proposition: z.string().min(1), reason: z.string().min(1) }),
  stream: vocabularyStream,
  describe: (d) => `issue ${d.issueId} of ${d.negotiationId} reworded: "${d.proposition}" (${d.reason})`,
});

export const vocabularyTypes = ["NegotiationOpened", "PartyAdded", "IssueAdded", "IssueReworded"] as const;

/** Declarations say what a negotiation's words are; they are not developments in it. */
export const isVocabularyEvent = (e: { type: string }): boolean => (vocabularyTypes as readonly string[]).includes(e.type);
