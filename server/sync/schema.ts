/**
 * The synced room state (DESIGN §4 "Public state"), built with the `schema()` builder so Node's
 * type stripping runs it without decorators. Only public data lives here: the engine's
 * `publicView` is the sole source (see applyPublic.ts), so secrets cannot leak in by accident.
 *
 * Beyond §4 it carries a few extra public fields of PublicView that the client draws
 * (scenario, remaining, venueVetoed, byCondition, sanctions, pardonWaves, stagingOpen, signals).
 */
import { schema, t, type SchemaType } from "@colyseus/schema";

export const MemberState = schema({
  name: t.string(),
  connected: t.boolean(),
}, "Member");
export type MemberState = SchemaType<typeof MemberState>;

export const DelegationSchema = schema({
  seat: t.string(),
  influence: t.number(),
  ready: t.boolean(),
  bot: t.boolean(),
  members: t.array(MemberState),
  signature: t.string(),
}, "Delegation");
export type DelegationSchema = SchemaType<typeof DelegationSchema>;

export const ClauseSchema = schema({
  id: t.string(),
  type: t.string(),
  /** The clause parameters as JSON text (lists sorted by the engine). */
  params: t.string(),
  proposer: t.string(),
  status: t.string(),
  stances: t.map("string"),
  suggestedBy: t.string(),
  round: t.number(),
  parity: t.boolean(),
}, "Clause");
export type ClauseSchema = SchemaType<typeof ClauseSchema>;

export const MotionSchema = schema({
  id: t.string(),
  delegation: t.string(),
  seat: t.string(),
  sponsor: t.string(),
  status: t.string(),
  round: t.number(),
}, "Motion");
export type MotionSchema = SchemaType<typeof MotionSchema>;

export const TableEntrySchema = schema({
  kind: t.string(),
  from: t.string(),
  text: t.string(),
  round: t.number(),
  /** The narrator's kind of line ("seat", "agreed", "warning", …); "" for talk. */
  tag: t.string(),
}, "TableEntry");
export type TableEntrySchema = SchemaType<typeof TableEntrySchema>;

export const SignalSchema = schema({
  delegation: t.string(),
  signal: t.string(),
  round: t.number(),
}, "SignalPlayed");
export type SignalSchema = SchemaType<typeof SignalSchema>;

export const OutcomeSchema = schema({
  id: t.string(),
  scores: t.map("number"),
  credibility: t.number(),
  treatyInForce: t.boolean(),
  inForce: t.array("string"),
  /** Per-delegation score lines as JSON text: public once the debrief opens. */
  breakdown: t.string(),
  /** JSON: every secret aim with what it scored (public from the debrief on). */
  revealed: t.string(),
  /** JSON: why the game ended there (the article's two conditions, Belarus's chain); "" if none. */
  why: t.string(),
}, "Outcome");
export type OutcomeSchema = SchemaType<typeof OutcomeSchema>;

export const TableState = schema({
  phase: t.string(),
  round: t.number(),
  rounds: t.number(),
  /** Epoch ms when the current timer runs out; 0 when none (or paused). */
  deadline: t.number(),
  paused: t.boolean(),
  momentum: t.number(),
  battlefield: t.number(),
  euUnity: t.number(),
  usAid: t.string(),
  venue: t.string(),
  chair: t.string(),
  delegations: t.map(DelegationSchema),
  clauses: t.array(ClauseSchema),
  motions: t.array(MotionSchema),
  table: t.array(TableEntrySchema),
  event: t.string(),
  outcome: t.ref(OutcomeSchema).optional(),
  // Extra public fields from PublicView.
  scenario: t.string(),
  remaining: t.number(),
  venueVetoed: t.boolean(),
  /** JSON of the bar per issuer, {"US": "democratization" | "prisoners", "EU": …}. */
  byCondition: t.string(),
  /** "RU:US" → full | partial | none. */
  sanctions: t.map("string"),
  pardonWaves: t.number(),
  stagingOpen: t.boolean(),
  signals: t.array(SignalSchema),
}, "TableState");
export type TableState = SchemaType<typeof TableState>;
