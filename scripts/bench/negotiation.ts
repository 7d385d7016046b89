import { definitionOf } from "../../events/catalogue.ts";
import type { PendingEvent } from "../../events/envelope.ts";
import { repairMojibake } from "../../events/mojibake.ts";
import type { Source } from "../../events/source.ts";
import { sha256Of } from "../../events/source-filed.ts";
import type { ValidTime } from "../../events/valid-time.ts";
import { streamIn } from "../../src/engine/negotiation.ts";
import type { Random } from "./random.ts";
import { DAY_MS, iso, reportInstant, validTime } from "./valid-times.ts";
import { claims, headline, issues, outlets, parties, personName, places, positions, quote, roles, summary } from "./wording.ts";

type Party = (typeof parties)[number];
type Issue = (typeof issues)[number];
interface Person {
  name: string;
  party: Party;
  role: string;
}
interface Point {
  pointId: string;
  number: number;
  issue: Issue;
}
interface Development {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/**
 * How often each development is reported, per 1,000 events: talk dominates (statements,
 * stances), then meetings, plan changes and appointments; corrections are rare.
 */
const mix: [string, number][] = [
  ["StatementMade", 335],
  ["StanceStated", 250],
  ["MeetingHeld", 70],
  ["MeetingScheduled", 60],
  ["MeetingCancelled", 10],
  ["OfficialAppointed", 40],
  ["OfficialLeftOffice", 25],
  ["PlanPublished", 8],
  ["PlanRevised", 20],
  ["PlanPointAdded", 60],
  ["PlanPointAmended", 60],
  ["PlanPointRemoved", 15],
  ["DocumentsPresented", 30],
  ["ReportCorrected", 12],
  ["ReportRetracted", 5],
  ["PlanReaction", 15],
  ["DevelopmentReported", 20],
  ["PartyAdded", 2],
  ["IssueAdded", 2],
  ["IssueReworded", 3],
  ["SourceFiled", 2],
];
const mixTotal = mix.reduce((sum, [, w]) => sum + w, 0);

/** Share of reports about a development weeks or months old: they land early in valid time. */
const LATE_SHARE = 0.05;

/**
 * One synthetic negotiation: its cast, plans and meetings, and the reports about it in
 * the order they are published. Every event it makes validates against the catalogue.
 */
export class SyntheticNegotiation {
  private made = 0;
  private reportMs: number;
  private readonly cast: Person[];
  private readonly plans: { planId: string; points: Point[]; nextPoint: number }[] = [];
  private readonly scheduled: string[] = [];
  private readonly recent: Development[] = [];
  private meetings = 0;
  private documents = 0;
  /** Parties and issues declared after the opening, so later stances can name them. */
  private readonly parties: string[] = [...parties];
  private readonly issues: string[] = [...issues];
  private current!: { id: string; dayMs: number; validDayMs: number; reportMs: number };
  /** A short prefix that keeps this negotiation's plan, meeting and document ids apart from the others'. */
  private readonly tag: string;

  constructor(
    readonly name: string,
    readonly size: number,
    readonly startMs: number,
    readonly days: number,
    private readonly random: Random,
  ) {
    this.cast = Array.from({ length: random.int(8, 16) }, () => ({ name: personName(random), party: random.pick(parties), role: random.pick(roles) }));
    this.reportMs = reportInstant(random, startMs);
    this.tag = `t${Number(name.replace(/\D/g, ""))}`;
  }

  get done(): boolean {
    return this.made >= this.size;
  }

  /** When the next report is published; the history merges negotiations on it. */
  get nextReportMs(): number {
    return this.reportMs;
  }

  next(): PendingEvent {
    const dayMs = this.startMs + Math.floor((this.made * this.days) / this.size) * DAY_MS;
    const late = this.made > 0 && this.random.chance(LATE_SHARE);
    const validDayMs = late ? dayMs - this.random.int(7, 120) * DAY_MS : dayMs;
    this.current = { id: this.random.uuid(), dayMs, validDayMs, reportMs: this.reportMs };
    // Every negotiation opens by declaring its vocabulary, then publishes its first plan.
    const event = this.develop(this.made === 0 ? "NegotiationOpened" : this.made === 1 ? "PlanPublished" : this.pickType(late));
    this.made++;
    const nextDay = this.startMs + Math.floor((this.made * this.days) / this.size) * DAY_MS;
    this.reportMs = Math.max(this.reportMs + 1000, reportInstant(this.random, nextDay));
    return event;
  }

  private pickType(late: boolean): string {
    for (;;) {
      let roll = this.random.next() * mixTotal;
      const [type] = mix.find(([, w]) => (roll -= w) < 0)!;
      if (!(late && (type.startsWith("Report") || type.endsWith("Added") || type === "IssueReworded"))) return type;
    }
  }

  private develop(type: string): PendingEvent {
    switch (type) {
      case "PlanPublished":
        return this.planPublished();
      case "PlanRevised":
        return this.event(type, {
          planId: this.plan().planId,
          pointCount: this.random.chance(0.8) ? this.random.int(12, 30) : null,
          contentsDisclosed: this.random.chance(0.7),
          venue: this.random.pick(places),
          summary: this.text(),
        });
      case "PlanPointAdded":
        return this.pointAdded();
      case "PlanPointAmended":
        return this.pointChanged("amend");
      case "PlanPointRemoved":
        return this.pointChanged("remove");
      case "DocumentsPresented":
        return this.documentsPresented();
      case "MeetingScheduled":
        return this.meetingScheduled();
      case "MeetingHeld":
        return this.meetingHeld();
      case "MeetingCancelled":
        return this.meetingCancelled();
      case "StanceStated":
        return this.stanceStated();
      case "PlanReaction":
        return this.event(type, { planId: this.plan().planId, party: this.random.pick(this.parties), position: this.random.pick(positions), summary: this.text() });
      case "DevelopmentReported":
        return this.event(type, { summary: this.text(), parties: [this.random.pick(this.parties)], issues: [this.random.pick(this.issues)] });
      case "NegotiationOpened":
      case "PartyAdded":
      case "IssueAdded":
      case "IssueReworded":
        return this.declaration(type);
      case "SourceFiled":
        return this.sourceFiled();
      case "StatementMade":
        return this.statementMade();
      case "OfficialAppointed":
        return this.appointed();
      case "OfficialLeftOffice":
        return this.leftOffice();
      default:
        return this.correction(type);
    }
  }

  private event(type: string, data: Record<string, unknown>, occurredAt = validTime(this.random, this.current.validDayMs)): PendingEvent {
    const { id } = this.current;
    const reportedAt = this.reportedAt(occurredAt);
    const stream = streamIn(this.name, definitionOf(type)!.stream(data));
    const event = { id, type, schemaVersion: definitionOf(type)!.version, stream, occurredAt, reportedAt, sources: this.sources(), data } as PendingEvent;
    // Corrections target developments: not reports, declarations or filed sources.
    if (!type.startsWith("Report") && type !== "SourceFiled" && !definitionOf(type)!.stream(data).startsWith("negotiation")) this.remember({ id, type, data });
    return event;
  }

  /** Reports are dated by the day they were published, as the seed articles are; a development later that same day needs the hour. */
  private reportedAt(occurredAt: ValidTime): string {
    const day = Math.floor(this.current.reportMs / DAY_MS) * DAY_MS;
    return iso(Date.parse(occurredAt.from) <= day ? day : this.current.reportMs);
  }

  private remember(development: Development): void {
    this.recent.push(development);
    if (this.recent.length > 200) this.recent.splice(0, 100);
  }

  private sources(): Source[] {
    const count = this.random.chance(0.05) ? 2 : 1;
    const day = iso(this.current.reportMs).slice(0, 10);
    return Array.from({ length: count }, () => {
      const outlet = this.random.pick(outlets);
      const person = this.random.pick(this.cast);
      const text = quote(this.random, person.name, this.random.pick(issues));
      return {
        outlet: this.random.chance(0.9) ? outlet.name : null,
        ...(this.random.chance(0.4) ? { title: headline(this.random, this.random.pick(places)) } : {}),
        publishedAt: day,
        ...(this.random.chance(0.1) ? { url: `https://${outlet.host}/${day.replaceAll("-", "/")}/${this.random.int(1000, 99999)}` } : {}),
        quote: text,
        quoteClean: text.includes("โ€") ? repairMojibake(text) : text,
      };
    });
  }

  private text(): string {
    return summary(this.random, this.random.pick(this.cast).name, this.random.pick(issues));
  }

  private plan() {
    if (this.plans.length === 0) this.plans.push({ planId: `${this.tag}-plan-1`, points: [], nextPoint: 1 });
    return this.random.pick(this.plans);
  }

  private newPoint(plan: { planId: string; points: Point[]; nextPoint: number }): Point {
    const point = { pointId: `${plan.planId}-point-${plan.nextPoint}`, number: plan.nextPoint++, issue: this.random.pick(issues) };
    plan.points.push(point);
    return point;
  }

  private planPublished(): PendingEvent {
    const plan = { planId: `${this.tag}-plan-${this.plans.length + 1}`, points: [] as Point[], nextPoint: 1 };
    this.plans.push(plan);
    const pointCount = this.random.int(8, 28);
    const known = Array.from({ length: this.random.int(2, 4) }, () => this.newPoint(plan));
    return this.event("PlanPublished", {
      planId: plan.planId,
      title: `${this.random.pick(places)} framework, draft ${this.plans.length}`,
      sponsor: this.random.pick(parties),
      manner: this.random.chance(0.4) ? "leaked" : "published",
      pointCount,
      points: known.map((p) => ({ ...p, summary: this.text() })),
      reception: this.text(),
    });
  }

  private pointAdded(): PendingEvent {
    const plan = this.plan();
    const point = this.newPoint(plan);
    return this.event("PlanPointAdded", { planId: plan.planId, ...point, summary: this.text() });
  }

  private pointChanged(change: "amend" | "remove"): PendingEvent {
    const plan = this.plan();
    if (plan.points.length === 0) return this.pointAdded();
    const point = this.random.pick(plan.points);
    if (change === "amend") return this.event("PlanPointAmended", { planId: plan.planId, pointId: point.pointId, issue: point.issue, summary: this.text() });
    plan.points.splice(plan.points.indexOf(point), 1);
    return this.event("PlanPointRemoved", { planId: plan.planId, pointId: point.pointId, reason: this.text() });
  }

  private participants() {
    return Array.from({ length: this.random.int(2, 3) }, () => this.random.pick(this.cast)).map((p) => ({ name: p.name, party: p.party, role: p.role }));
  }

  private documentsPresented(): PendingEvent {
    const by = this.random.pick(parties);
    return this.event("DocumentsPresented", {
      documentSetId: `${this.tag}-docs-${++this.documents}`,
      presentedBy: by,
      presentedTo: [parties.find((p) => p !== by)!],
      count: this.random.chance(0.8) ? this.random.int(1, 6) : null,
      planId: this.plan().planId,
      titles: [],
      description: this.text(),
    });
  }

  private meetingScheduled(): PendingEvent {
    const meetingId = `${this.tag}-m${++this.meetings}`;
    this.scheduled.push(meetingId);
    const date = validTime(this.random, this.current.validDayMs + this.random.int(1, 14) * DAY_MS);
    return this.event("MeetingScheduled", { meetingId, place: this.random.pick(places), date, participants: this.participants(), purpose: this.text() });
  }

  private meetingHeld(): PendingEvent {
    const meetingId = this.scheduled.shift() ?? `${this.tag}-m${++this.meetings}`;
    return this.event("MeetingHeld", {
      meetingId,
      place: this.random.pick(places),
      participants: this.participants(),
      durationHours: this.random.int(1, 8),
      durationApproximate: this.random.chance(0.7),
      round: `round ${this.meetings}`,
      outcome: this.text(),
    });
  }

  private meetingCancelled(): PendingEvent {
    const meetingId = this.scheduled.pop();
    if (!meetingId) return this.meetingScheduled();
    return this.event("MeetingCancelled", { meetingId, reason: this.text() });
  }

  /** The negotiation's vocabulary: opened with the usual four parties and issues, added to and reworded now and then. */
  private declaration(type: string): PendingEvent {
    const negotiationId = this.name;
    switch (type) {
      case "NegotiationOpened":
        return this.event(type, {
          negotiationId,
          title: `${this.name} talks`,
          parties: parties.map((id) => ({ id, name: id.toUpperCase(), aliases: [] })),
          issues: issues.map((id) => ({ id, proposition: `a settlement on ${id}` })),
        });
      case "PartyAdded": {
        const id = `observer-${this.parties.length + 1}`;
        this.parties.push(id);
        return this.event(type, { negotiationId, party: { id, name: `Observer ${this.parties.length}`, kind: "observer", aliases: [] } });
      }
      case "IssueAdded": {
        const id = `issue-${this.issues.length + 1}`;
        this.issues.push(id);
        return this.event(type, { negotiationId, issue: { id, proposition: `a settlement on ${id}` } });
      }
      default:
        return this.event(type, { negotiationId, issueId: this.random.pick(this.issues), proposition: this.text(), reason: "reworded by the analyst" });
    }
  }

  /** An article kept whole: a few of the negotiation's quotes, as an outlet printed them. */
  private sourceFiled(): PendingEvent {
    const outlet = this.random.pick(outlets);
    const text = Array.from({ length: this.random.int(3, 12) }, () => quote(this.random, this.random.pick(this.cast).name, this.random.pick(issues))).join("\n\n");
    const day = Math.floor(this.current.reportMs / DAY_MS) * DAY_MS;
    const data = {
      sourceId: `${this.tag}-article-${this.made}`,
      outlet: outlet.name,
      title: headline(this.random, this.random.pick(places)),
      publishedAt: iso(day).slice(0, 10),
      text,
      sha256: sha256Of(text),
    };
    // Filed the day it was published: its valid time is that day.
    return this.event("SourceFiled", data, { precision: "day", from: iso(day), to: iso(day + DAY_MS - 1) });
  }

  private stanceStated(): PendingEvent {
    const person = this.random.pick(this.cast);
    const issue = this.random.pick(this.issues);
    const quoted = this.random.chance(0.5) ? { quote: quote(this.random, person.name, issue) } : {};
    return this.event("StanceStated", { party: person.party, issue, position: this.random.pick(positions), speaker: person.name, ...quoted });
  }

  private statementMade(): PendingEvent {
    const person = this.random.pick(this.cast);
    const issue = this.random.pick(issues);
    const disputed = this.random.chance(0.05);
    return this.event("StatementMade", {
      speaker: person.name,
      party: person.party,
      summary: summary(this.random, person.name, issue),
      issues: [issue],
      ...(disputed ? { subject: `how round ${this.meetings} went`, claim: this.random.pick(claims) } : {}),
    });
  }

  private appointed(): PendingEvent {
    const person = this.random.chance(0.3) ? { name: personName(this.random), party: this.random.pick(parties), role: "" } : this.random.pick(this.cast);
    const previousRole = person.role || this.random.pick(roles);
    person.role = this.random.pick(roles);
    if (!this.cast.includes(person)) this.cast.push(person);
    return this.event("OfficialAppointed", { person: person.name, party: person.party, role: person.role, previousRole });
  }

  private leftOffice(): PendingEvent {
    const person = this.random.pick(this.cast);
    return this.event("OfficialLeftOffice", {
      person: person.name,
      party: person.party,
      role: person.role,
      manner: this.random.pick(["resigned", "fired", "unknown"] as const),
      context: this.text(),
    });
  }

  /** A later report corrects or retracts an earlier one of this negotiation. */
  private correction(type: string): PendingEvent {
    const target = this.recent.length > 0 ? this.random.pick(this.recent) : undefined;
    if (!target) return this.statementMade();
    this.recent.splice(this.recent.indexOf(target), 1);
    const reason = `a later report ${this.random.pick(["contradicts", "revises", "withdraws"])} this account`;
    const occurredAt = validTime(this.random, this.current.dayMs);
    if (type === "ReportRetracted") return this.event(type, { retractedEventId: target.id, reason }, occurredAt);
    return this.event(type, { correctedEventId: target.id, reason, ...this.replacement(target) }, occurredAt);
  }

  /** What a correction replaces: a statement's summary or a stance's position, otherwise the date. */
  private replacement(target: Development): { data: Record<string, unknown> } | { occurredAt: ValidTime } {
    if (target.type === "StatementMade") return { data: { ...target.data, summary: this.text() } };
    if (target.type === "StanceStated") return { data: { ...target.data, position: this.random.pick(positions) } };
    return { occurredAt: validTime(this.random, this.current.validDayMs - this.random.int(1, 10) * DAY_MS) };
  }
}
